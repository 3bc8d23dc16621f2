import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerUtils } from "graphile-worker";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { makeActor } from "../testing/factories";
import { createJob } from "./create-job";
import { workerUtils } from "./queue";
import { sweepLostWorkers } from "./sweep-lost-workers";

let utils: WorkerUtils;
beforeAll(async () => {
  utils = await workerUtils(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await utils.release();
  await pool().end();
});

/** A job some worker is running, with no heartbeat from that worker on record. */
async function runningJobOf(workerId: string) {
  const job = await createJob(await makeActor("operator"), { kind: "selftest", params: {} });
  await db.job.update({ where: { id: job.id }, data: { status: "running", workerId } });
  return job.id;
}

describe("sweeping lost workers", () => {
  it("takes over the jobs of a worker without a recent heartbeat, and logs why", async () => {
    const id = await runningJobOf("gone-worker");
    expect(await sweepLostWorkers(pool(), utils)).toBe(1);
    expect((await db.job.findUniqueOrThrow({ where: { id } })).workerId).toBeNull();
    const lines = await db.jobLog.findMany({ where: { jobId: id } });
    expect(lines.map((l) => l.line).join("\n")).toContain("worker gone-worker was lost");
  });

  it("never takes over the sweeping worker's own jobs: it is alive, only slow to beat", async () => {
    const id = await runningJobOf("slow-worker");
    expect(await sweepLostWorkers(pool(), utils, () => {}, "slow-worker")).toBe(0);
    expect((await db.job.findUniqueOrThrow({ where: { id } })).workerId).toBe("slow-worker");
  });
});
