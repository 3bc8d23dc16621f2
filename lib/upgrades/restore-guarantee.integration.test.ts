import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failNextCalls } from "../../emulators/gcp";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { cancelJob } from "../jobs/control/cancel-job";
import { makeActor } from "../testing/factories";
import { waitFor } from "../testing/spawn-worker";
import { armUnhealthyNewColour, driveJob, jobLog, observe, seedUpgradableInstance, startUpgradeWorld, type UpgradeWorld } from "../../test-support/upgrade-fixture";

/**
 * ALWAYS RESTORE (BRIEF §7): whatever step an upgrade fails at once the database is
 * read-only, users end up on a healthy deployment with a writable database and no notice.
 * All the failing upgrades run at once, each on its own instance, in one real worker.
 */
let world: UpgradeWorld;
beforeAll(async () => {
  world = await startUpgradeWorld();
});
afterAll(async () => {
  await world.close();
  await pool().end();
});

const RED_BLACK_AFTER_READ_ONLY = ["read-only", "snapshot", "plan-deployment", "apply-deployment", "start-new", "writable-new", "wait-healthy", "retarget", "destroy-old", "notice-off", "record-version"];
const SWITCHED = new Set(["retarget", "destroy-old", "notice-off", "record-version"]);
// In place shares every step before the switch with red/black; its own risk is the switch.
const IN_PLACE_AFTER_READ_ONLY = ["switch-version"];

type Case = { name: string; strategy: "red-black" | "in-place"; version: string; failAt?: string; arm?: (i: { slug: string; gcpProjectId: string; zone: string }) => Promise<void>; servesNew: boolean; recordsNew?: boolean };

const cases: Case[] = [
  ...RED_BLACK_AFTER_READ_ONLY.map((step): Case => ({ name: `red/black fails at ${step}`, strategy: "red-black", version: "5.10.0", failAt: step, servesNew: SWITCHED.has(step) })),
  ...IN_PLACE_AFTER_READ_ONLY.map((step): Case => ({ name: `in place fails at ${step}`, strategy: "in-place", version: "5.9.1", failAt: step, servesNew: false, recordsNew: true })),
  {
    name: "red/black: the new deployment stays unhealthy",
    strategy: "red-black",
    version: "5.10.0",
    servesNew: false,
    arm: (i) => armUnhealthyNewColour(world, i),
  },
  {
    name: "red/black: GCP refuses the load balancer switch",
    strategy: "red-black",
    version: "5.10.0",
    servesNew: false,
    arm: (i) => failNextCalls(world.gcp.pool, { method: "compute.backendServices.patch", project: i.gcpProjectId, times: 10, error: "permissionDenied" }),
  },
];

describe("an upgrade that fails after the database went read-only", () => {
  it("always leaves the serving database writable (probed), the notice removed and the load balancer on a healthy deployment", async () => {
    const operator = await makeActor("operator");
    // Created one by one (the test's own connection pool is small), then all run at once.
    const started = [];
    for (const c of cases) {
      const instance = await seedUpgradableInstance(world, "5.9.0");
      // Armed while the job runs: some faults need what the job builds (the new colour's VM).
      const armed = c.arm?.(instance);
      const job = await createJob(operator, { kind: "upgrade", instanceSlug: instance.slug, params: { version: c.version, strategy: c.strategy, ...(c.failAt ? { failAt: c.failAt } : {}) } });
      started.push({ c, instance, jobId: job.id, armed });
    }
    const runs = await Promise.all(started.map(async (r) => ({ ...r, job: await driveJob(operator, r.jobId, 540_000) })));
    await Promise.all(runs.map((r) => r.armed));
    for (const { c, instance, job } of runs) {
      const log = await jobLog(job.id);
      expect(job.status, `${c.name}: ${job.error}\n${log}`).toBe("failed");
      const seen = await observe(world, instance);
      expect(seen.databaseReadOnly, `${c.name}: database read-only\n${log}`).toBe(false);
      expect(seen.noticeUp, `${c.name}: notice still up`).toBe(false);
      // Failing at the switch itself, the switch may or may not have gone through (the
      // injected fault comes after it; a real error under load, before it). Either way the
      // restore must leave users where the load balancer points and the record saying so.
      const servesNew = c.failAt === "retarget" ? seen.serving === "prod-red-neg" : c.servesNew;
      expect(seen.serving, `${c.name}\n${log}`).toBe(servesNew ? "prod-red-neg" : "prod-neg");
      expect(log, c.name).toContain("restore: the serving database is writable (write probe passed)");
      expect(log, c.name).toContain("restore: the maintenance notice is removed");
      const after = await db.instance.findUniqueOrThrow({ where: { id: instance.id } });
      expect(after.status, c.name).toBe("active");
      // The record says what users get: the new version once it serves, whatever failed later.
      expect(after.version, c.name).toBe(servesNew || c.recordsNew ? c.version : "5.9.0");
      if (c.strategy === "red-black") expect(after.vmName, c.name).toBe(servesNew ? "prod-red" : "prod");
    }
  }, 600_000);

  it("restores after a cancel while a step runs", async () => {
    const operator = await makeActor("operator");
    const instance = await seedUpgradableInstance(world, "5.9.0");
    const created = await createJob(operator, { kind: "upgrade", instanceSlug: instance.slug, params: { version: "5.10.0" } });
    await armUnhealthyNewColour(world, instance);
    await waitFor(async () => (await db.jobStep.findFirst({ where: { jobId: created.id, key: "wait-healthy", status: "running" } })) !== null, 120_000, "the health wait");
    await cancelJob(operator, created.id);
    const job = await driveJob(operator, created.id);
    const log = await jobLog(job.id);
    expect(job.status, log).toBe("cancelled");
    expect(await observe(world, instance)).toMatchObject({ databaseReadOnly: false, noticeUp: false, serving: "prod-neg" });
    expect(log).toContain("restore: the serving database is writable (write probe passed)");
  }, 300_000);
});
