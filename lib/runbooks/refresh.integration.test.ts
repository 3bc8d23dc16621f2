import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, seedProject, type GcpEmulator } from "../../emulators/gcp";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { makeActor, makeInstance } from "../testing/factories";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker";

let emulator: GcpEmulator;
let worker: SpawnedWorker;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  worker = spawnWorker({ GCP_API_ENDPOINT: emulator.url, GCP_ACCESS_TOKEN: "test" });
});
afterAll(async () => {
  await worker.stop();
  await emulator.close();
  await pool().end();
});

describe("refresh job", () => {
  it("reads the VM and the addresses from GCP through the real client and updates the instance", async () => {
    const instance = await makeInstance({ globalIp: null, natIps: [] });
    await seedProject(emulator.pool, { project: instance.gcpProjectId, zone: instance.zone, globalIp: "34.120.1.2", natIps: ["35.192.0.10", "35.192.0.11"] });
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "refresh", instanceSlug: instance.slug });
    const done = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      return j.status === "succeeded" || j.status === "failed" ? j : null;
    }, 90_000, "refresh to end");
    expect(done.status, done.error ?? "").toBe("succeeded");
    const after = await db.instance.findUniqueOrThrow({ where: { id: instance.id } });
    expect(after.globalIp).toBe("34.120.1.2");
    expect(after.natIps).toEqual(["35.192.0.10", "35.192.0.11"]);
    const log = (await db.jobLog.findMany({ where: { jobId: job.id } })).map((l) => l.line).join("\n");
    expect(log).toContain("default-nat-manual-ip-1  35.192.0.11");
    expect(log).toContain("VM prod is RUNNING");
    // Without an access token the instance's update check cannot be asked: said, not failed.
    expect(log).toContain("no Sourcegraph access token on record: the update check is not read");
  });

  it("fails with a clear reason when the project does not exist in GCP", async () => {
    const instance = await makeInstance();
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "refresh", instanceSlug: instance.slug });
    const done = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      return j.status === "failed" || j.status === "succeeded" ? j : null;
    }, 90_000, "refresh to end");
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/not found/i);
    expect(done.error).toContain(instance.gcpProjectId);
  });
});
