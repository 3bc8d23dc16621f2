import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { startInstanceJob } from "../jobs/start-instance-job";
import { makeActor } from "../testing/factories";
import { driveJob, jobLog, observe, seedUpgradableInstance, startUpgradeWorld, type UpgradeWorld } from "../../test-support/upgrade-fixture";

let world: UpgradeWorld;
beforeAll(async () => {
  world = await startUpgradeWorld();
});
afterAll(async () => {
  await world.close();
  await pool().end();
});

describe("upgrading one instance", () => {
  it("red/black of a hand-built instance: deploy key and state bucket, notice, snapshot, its first colour via Terraform beside prod, health, approved switch adopting the front end, prod deleted, version recorded", async () => {
    const instance = await seedUpgradableInstance(world, "5.9.0");
    const operator = await makeActor("operator");
    const job = await startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "5.10.0" });
    const seenUpgrading = await waitForStatus(instance.id, "upgrading");
    const done = await driveJob(operator, job.id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(seenUpgrading).toBe(true);
    const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    expect(steps.map((s) => `${s.key}:${s.status}`)).toEqual([
      "prepare-terraform:succeeded", "notice-on:succeeded", "read-only:succeeded", "snapshot:succeeded", "approve-clear-leftover:skipped", "clear-leftover:skipped",
      "plan-deployment:succeeded", "approve-plan:skipped",
      "apply-deployment:succeeded", "writable-new:succeeded", "start-new:succeeded", "wait-healthy:succeeded", "approve-switch:succeeded",
      "retarget:succeeded", "approve-destroy:succeeded", "destroy-old:succeeded", "notice-off:succeeded", "record-version:succeeded",
    ]);
    expect(await observe(world, instance)).toEqual({ databaseReadOnly: false, noticeUp: false, version: "5.10.0", serving: "prod-red-neg" });
    const after = await db.instance.findUniqueOrThrow({ where: { id: instance.id } });
    expect(after).toMatchObject({ version: "5.10.0", versionOrder: 5_010_000, status: "active", vmName: "prod-red" });
    // Two VMs side by side during the upgrade, then only the new colour: prod's name is gone.
    const vms = await world.gcp.pool.query<{ name: string }>(`SELECT name FROM gcp_emulator.resource WHERE project = $1 AND kind = 'instance' ORDER BY name`, [instance.gcpProjectId]);
    expect(vms.rows.map((r) => r.name)).toEqual(["prod-red"]);
    const log = await jobLog(job.id);
    expect(log).toContain("upgrade to 5.10.0");
    expect(log).toContain("users will see about 1m35s of errors");
    // The front end was imported into Terraform state, not created beside its namesakes.
    expect(log).toMatch(/adopting projects\/[^ ]+\/global\/backendServices\/prod-backend-service as module\.instance\.terraform_data\.backend_service/);
    expect(log).toContain("hand-built VM prod deleted");

    // From now on it is a colour deployment: the next upgrade builds black and destroys red with its state.
    const next = await startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "5.10.1", strategy: "red-black" });
    const second = await driveJob(operator, next.id);
    expect(second.status, second.error ?? "").toBe("succeeded");
    expect(await observe(world, instance)).toMatchObject({ version: "5.10.1", serving: "prod-black-neg" });
    const secondSteps = await db.jobStep.findMany({ where: { jobId: next.id, key: "prepare-terraform" } });
    expect(secondSteps.map((s) => s.status)).toEqual(["skipped"]);
  }, 300_000);

  it("in place for a release without database changes", async () => {
    const instance = await seedUpgradableInstance(world, "5.10.0");
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "upgrade", instanceSlug: instance.slug, params: { version: "5.10.2", strategy: "in-place" } });
    const done = await driveJob(operator, job.id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    expect(steps.map((s) => s.key)).toEqual(["notice-on", "read-only", "snapshot", "writable", "commit-release", "switch-version", "restart", "wait-healthy", "notice-off", "record-version"]);
    expect(await observe(world, instance)).toEqual({ databaseReadOnly: false, noticeUp: false, version: "5.10.2", serving: "prod-neg" });
    expect(await db.instance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({ version: "5.10.2", status: "active" });
  }, 90_000);

  it("refuses a downgrade, an unknown version and in-place for a release with database changes, naming the field", async () => {
    const instance = await seedUpgradableInstance(world, "5.9.0");
    const operator = await makeActor("operator");
    await expect(startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "5.8.1" })).rejects.toMatchObject({ status: 400, fields: [{ field: "version" }] });
    await expect(startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "5.9.0" })).rejects.toMatchObject({ status: 400, fields: [{ field: "version" }] });
    await expect(startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "9.9.9" })).rejects.toMatchObject({ status: 400, fields: [{ field: "version" }] });
    await expect(startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "5.10.0", strategy: "in-place" })).rejects.toMatchObject({ status: 400, fields: [{ field: "strategy" }] });
    // 5.10.1 itself changes nothing in the database, but from 5.9.0 in place would skip 5.10.0.
    await expect(startInstanceJob(operator, instance.slug, { kind: "upgrade", version: "5.10.1", strategy: "in-place" })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "strategy", message: expect.stringContaining("would skip 5.10.0") }],
    });
    // Two minor releases at once is the multi-version procedure: refused, naming where to stop.
    const older = await seedUpgradableInstance(world, "5.8.1");
    await expect(startInstanceJob(operator, older.slug, { kind: "upgrade", version: "5.10.0" })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "version", message: expect.stringContaining("upgrade to 5.9.1 first") }],
    });
    const viewer = await makeActor("viewer");
    await expect(startInstanceJob(viewer, instance.slug, { kind: "upgrade", version: "5.10.0" })).rejects.toMatchObject({ status: 403 });
    expect(await db.job.count({ where: { instanceId: instance.id } })).toBe(0);
  });
});

async function waitForStatus(instanceId: string, status: string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if ((await db.instance.findUniqueOrThrow({ where: { id: instanceId } })).status === status) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
