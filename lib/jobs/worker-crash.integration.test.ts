import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { makeActor } from "../testing/factories";
import { spawnWorker, waitFor } from "../testing/spawn-worker";
import { createJob } from "./create-job";

const workers = [spawnWorker({ WORKER_ID: "crash-test-a" }), spawnWorker({ WORKER_ID: "crash-test-b" })];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await pool().end();
});

describe("a worker killed with SIGKILL mid-step", () => {
  it("leaves a job that another worker resumes at that step, well within 2 minutes", async () => {
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "selftest", params: { sleepSeconds: 8, lines: 2 } });
    const running = await waitFor(
      async () => {
        const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
        const sleep = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "sleep" } });
        return j.workerId && sleep.status === "running" ? j : null;
      },
      // Generous: two worker processes compile and start first, on a busy 2-core machine.
      120_000,
      "the sleep step to run",
    );
    const victim = workers.find((w) => w.output.join("").includes(running.workerId!)) ?? workers[running.workerId === "crash-test-a" ? 0 : 1];
    await waitFor(async () => (await db.jobLog.count({ where: { jobId: job.id, line: "sleeping 8s" } })) > 0, 10_000, "the child to start");
    const killedAt = Date.now();
    victim.proc.kill("SIGKILL");
    const done = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      return j.status === "succeeded" || j.status === "failed" ? j : null;
    }, 110_000, "the job to end");
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    expect(done.status, workers.map((w) => w.output.join("")).join("\n----\n")).toBe("succeeded");
    // Resume time is stale heartbeat (4 s here) + sweep + the 8 s step run again.
    expect(recoverySeconds).toBeLessThan(45);
    const lines = (await db.jobLog.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } })).map((l) => l.line);
    expect(lines.some((l) => l.includes(`worker ${running.workerId} was lost`))).toBe(true);
    expect(lines.some((l) => l.includes("resumed on worker"))).toBe(true);
    // The step before the crash ran exactly once; nothing is applied twice.
    expect(lines.filter((l) => l === "line 1 of 2"), lines.join("\n")).toHaveLength(1);
    const seqs = (await db.jobLog.findMany({ where: { jobId: job.id }, select: { seq: true }, orderBy: { seq: "asc" } })).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }, 300_000);
});
