import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fleetPolicy from "../../app/api/settings/backup-policy/route";
import * as instancePolicy from "../../app/api/instances/[slug]/backup-policy/route";
import { seedLoadBalancer } from "../../emulators/gcp/state";
import { seedEmulatedInstances, startHealthEmulators, type HealthEmulators } from "../../test-support/emulated-fleet";
import { db } from "../db/client";
import { createJob } from "../jobs/create-job";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeActor } from "../testing/factories";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker";
import { scheduleDueSnapshots } from "./schedule-snapshots";

/**
 * The backup policy is data: the fleet's row and an instance's override, set through the API,
 * decide what the schedule starts and what a snapshot job prunes (a real worker, the real GCP
 * client against the emulator).
 */
let emulators: HealthEmulators;
let worker: SpawnedWorker;
let admin: string;
let operator: string;
const ZONE = "us-central1-f";
const SLUGS = ["keepall", "keepone"];

beforeAll(async () => {
  emulators = await startHealthEmulators(process.env.DATABASE_URL!);
  const instances = await seedEmulatedInstances(emulators, SLUGS);
  for (const i of instances) await seedLoadBalancer(emulators.gcp.pool, { project: i.gcpProjectId, zone: ZONE, live: "red" });
  worker = spawnWorker({ BACKUP_SCHEDULE: "0" });
  [admin, operator] = await Promise.all([tokenFor("admin"), tokenFor("operator")]);
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await emulators?.close();
});

const putFleet = (body: unknown, token = admin) => callRoute(fleetPolicy.PUT, { url: "/api/settings/backup-policy", method: "PUT", token, body });
const putInstance = (slug: string, body: unknown, token = operator) =>
  callRoute(instancePolicy.PUT, { url: `/api/instances/${slug}/backup-policy`, method: "PUT", token, params: { slug }, body });
const project = (slug: string) => `sourcegraph-managed-${slug}`;

async function plantUpgradeSnapshot(slug: string, name: string) {
  const res = await fetch(`${emulators.gcp.url}/compute/v1/projects/${project(slug)}/zones/${ZONE}/disks/prod-red-data/createSnapshot`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: JSON.stringify({ name, labels: { purpose: "upgrade" } }),
  });
  expect(res.status).toBe(200);
  await new Promise((r) => setTimeout(r, 20)); // distinct creation times: "the newest N" is by time
}
async function snapshotNames(slug: string): Promise<string[]> {
  const res = await fetch(`${emulators.gcp.url}/compute/v1/projects/${project(slug)}/global/snapshots`, { headers: { authorization: "Bearer test" } });
  return (((await res.json()) as { items?: { name: string }[] }).items ?? []).map((s) => s.name).sort();
}
async function runSnapshotJob(slug: string) {
  const job = await createJob(await makeActor("operator"), { kind: "snapshot", instanceSlug: slug, params: { reason: "manual" } });
  const done = await waitFor(async () => {
    const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    return ["succeeded", "failed"].includes(j.status) ? j : null;
  }, 120_000, "snapshot job to end");
  const log = (await db.jobLog.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");
  expect(done.status, `${done.error}\n${log}`).toBe("succeeded");
  return log;
}

describe("the fleet's policy", () => {
  it("starts as the handbook's (weekly, 90 days, upgrades a year and the last 5)", async () => {
    const r = await callRoute(fleetPolicy.GET, { url: "/api/settings/backup-policy", token: operator });
    expect(r.body.policy).toMatchObject({ everyDays: 7, retentionDays: 90, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 });
  });

  it("is admins' to change (403 for operators), validated (400 naming the field), and audited", async () => {
    expect((await putFleet({ everyDays: 7, retentionDays: 90, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 }, operator)).status).toBe(403);
    const zero = await putFleet({ everyDays: 0, retentionDays: 90, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["everyDays"]);
    const gap = await putFleet({ everyDays: 30, retentionDays: 14, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 });
    expect(gap.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["retentionDays"]);
    const ok = await putFleet({ everyDays: 7, retentionDays: 60, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 });
    expect(ok.status).toBe(200);
    expect(ok.body.policy).toMatchObject({ retentionDays: 60 });
    const [event] = await db.auditEvent.findMany({ where: { action: "backup-policy.update" } });
    expect(event.params).toMatchObject({ retentionDays: 60, previous: { retentionDays: 90 } });
  });
});

describe("an instance's override", () => {
  it("changes when the schedule snapshots that instance, and only that one", async () => {
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await db.instance.updateMany({ where: { slug: { in: SLUGS } }, data: { createdAt: threeDaysAgo } });
    expect(await scheduleDueSnapshots()).toEqual([]);
    const r = await putInstance("keepone", { everyDays: 2 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ override: { everyDays: 2, retentionDays: null }, effective: { everyDays: 2, retentionDays: 60 } });
    expect(await scheduleDueSnapshots()).toEqual(["keepone"]);
    // Leave the scheduled job to the worker, so the next test's jobs queue behind nothing.
    await waitFor(async () => (await db.job.count({ where: { instance: { slug: "keepone" }, status: { in: ["queued", "running"] } } })) === 0, 120_000, "the scheduled snapshot");
  }, 150_000);

  it("changes what a snapshot job prunes: the last N upgrade snapshots", async () => {
    for (const slug of SLUGS) for (const n of [1, 2, 3]) await plantUpgradeSnapshot(slug, `upgrade-${n}`);
    expect((await putInstance("keepone", { keepUpgradeSnapshots: 1 })).body.effective).toMatchObject({ everyDays: 2, keepUpgradeSnapshots: 1 });

    const log = await runSnapshotJob("keepone");
    expect(log).toContain("upgrade snapshots 365 days and the last 1");
    expect((await snapshotNames("keepone")).filter((n) => n.startsWith("upgrade-"))).toEqual(["upgrade-3"]);

    await runSnapshotJob("keepall");
    expect((await snapshotNames("keepall")).filter((n) => n.startsWith("upgrade-"))).toEqual(["upgrade-1", "upgrade-2", "upgrade-3"]);
  }, 300_000);

  it("is refused when it would prune before the next snapshot (400, nothing changes); null fields go back to the fleet's", async () => {
    const bad = await putInstance("keepone", { retentionDays: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: "retentionDays", message: expect.stringContaining("every 2") }]);
    expect((await putInstance("keepone", { keepUpgradeSnapshots: 0 })).body.error.fields[0].field).toBe("keepUpgradeSnapshots");
    const reset = await putInstance("keepone", { everyDays: null, keepUpgradeSnapshots: null });
    expect(reset.body).toMatchObject({ override: null, effective: { everyDays: 7, retentionDays: 60, keepUpgradeSnapshots: 5 } });
    expect(await db.instanceBackupPolicy.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "instance.backup-policy-changed", instanceSlug: "keepone" } })).toBe(3);
  });
});
