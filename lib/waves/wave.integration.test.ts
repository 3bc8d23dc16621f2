import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setFaults } from "../../emulators/sourcegraph/state";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { makeActor } from "../testing/factories";
import { waitFor } from "../testing/spawn-worker";
import { observe, seedUpgradableInstance, startUpgradeWorld, type UpgradeWorld } from "../../test-support/upgrade-fixture";
import { controlWave } from "./control-wave";
import { createWave } from "./create-wave";
import { getWave } from "./get-wave";
import * as approveRoute from "../../app/api/jobs/[id]/approve/route";
import { callRoute, tokenFor } from "../testing/api-client";

let world: UpgradeWorld;
beforeAll(async () => {
  world = await startUpgradeWorld({ WAVE_POLL_MS: "300" });
});
afterAll(async () => {
  await world.close();
  await pool().end();
});

describe("an upgrade wave", () => {
  it("upgrades batch by batch, pauses itself when one upgrade fails, and touches nothing else", async () => {
    const instances = [];
    for (let n = 0; n < 20; n++) instances.push(await seedUpgradableInstance(world, "5.10.1"));
    const failing = instances[7];
    await setFaults(world.sourcegraph.pool, failing.slug, { unhealthyContainers: ["searcher-0"] });
    const operator = await makeActor("operator");

    const created = await createWave(operator, { targetVersion: "5.10.2", strategy: "in-place", approvalPolicy: "ask-every-step", batchSize: 5, instances: instances.map((i) => i.slug) });
    const paused = await waitFor(async () => {
      const w = await getWave(created.id, { includeIps: true });
      return w.status === "paused" ? w : null;
    }, 480_000, "the wave to pause");

    expect(paused.pausedReason).toContain(failing.slug);
    expect(paused.counts).toEqual({ done: 9, running: 0, failed: 1, pending: 10, skipped: 0 });
    expect(paused.instances.filter((i) => i.batch === 2 || i.batch === 3).every((i) => i.state === "pending" && i.jobId === null)).toBe(true);
    // Batch by batch: the second batch started only after the whole first one ended.
    const first = paused.instances.filter((i) => i.batch === 0);
    const second = paused.instances.filter((i) => i.batch === 1);
    const firstEnded = Math.max(...first.map((i) => Date.parse(i.finishedAt!)));
    expect(Math.min(...second.map((i) => Date.parse(i.startedAt!)))).toBeGreaterThanOrEqual(firstEnded);

    for (const [n, instance] of instances.entries()) {
      const record = await db.instance.findUniqueOrThrow({ where: { id: instance.id } });
      const seen = await observe(world, instance);
      expect(seen, instance.slug).toMatchObject({ databaseReadOnly: false, noticeUp: false });
      expect(record.status, instance.slug).toBe("active");
      // The failed one did switch (its health check failed afterwards): the record says what runs.
      expect(record.version, instance.slug).toBe(n < 10 ? "5.10.2" : "5.10.1");
      // Never two jobs on one instance.
      expect(await db.job.count({ where: { instanceId: instance.id } }), instance.slug).toBeLessThanOrEqual(1);
    }

    // While it is paused its instances cannot join another wave.
    await expect(createWave(operator, { targetVersion: "5.10.2", strategy: "in-place", approvalPolicy: "ask-every-step", batchSize: 5, instances: [instances[15].slug] })).rejects.toMatchObject({ status: 409 });

    await controlWave(operator, created.id, "abort");
    const aborted = await getWave(created.id, { includeIps: true });
    expect(aborted.status).toBe("aborted");
    expect(aborted.counts).toMatchObject({ done: 9, failed: 1, pending: 0, skipped: 10 });
    const audit = await db.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["wave.create", "wave.abort"]);
  }, 600_000);

  it("red/black: each upgrade's approvals show on the wave and can be given from there", async () => {
    const instance = await seedUpgradableInstance(world, "5.10.1");
    const operator = await makeActor("operator");
    const token = await tokenFor("operator");
    const created = await createWave(operator, { targetVersion: "5.10.2", strategy: "red-black", approvalPolicy: "ask-every-step", batchSize: 5, instances: [instance.slug] });
    const approved: string[] = [];
    for (;;) {
      const w = await waitFor(async () => {
        const w = await getWave(created.id, { includeIps: true });
        return w.status === "completed" || w.instances[0].waitingOn ? w : null;
      }, 180_000, "an approval or the end of the wave");
      if (w.status === "completed") break;
      const { jobId, waitingOn } = w.instances[0];
      expect(waitingOn!.kind).toBe("approval");
      expect(waitingOn!.instructions).toBeTruthy();
      const r = await callRoute(approveRoute.POST, { url: `/api/jobs/${jobId}/approve`, method: "POST", token, params: { id: jobId! }, body: { step: waitingOn!.key } });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      approved.push(waitingOn!.key);
    }
    // The new colour's plan only adds, so it needs no approval; the switch and the destroy do.
    expect(approved).toEqual(["approve-switch", "approve-destroy"]);
    expect(await observe(world, instance)).toMatchObject({ databaseReadOnly: false, noticeUp: false, version: "5.10.2" });
  }, 300_000);

  it("refuses an unknown target, a downgrade and a viewer", async () => {
    const instance = await seedUpgradableInstance(world, "5.10.1");
    const operator = await makeActor("operator");
    await expect(createWave(operator, { targetVersion: "5.9.0", strategy: "red-black", approvalPolicy: "ask-every-step", batchSize: 5, instances: [instance.slug] })).rejects.toMatchObject({ status: 400, fields: [{ field: "instances" }] });
    await expect(createWave(operator, { targetVersion: "5.10.0", strategy: "in-place", approvalPolicy: "ask-every-step", batchSize: 5, instances: [instance.slug] })).rejects.toMatchObject({ status: 400, fields: [{ field: "strategy" }] });
    // Two minor releases behind: the multi-version procedure, not a wave.
    const behind = await seedUpgradableInstance(world, "5.8.1");
    await expect(createWave(operator, { targetVersion: "5.10.2", strategy: "red-black", approvalPolicy: "ask-every-step", batchSize: 5, instances: [behind.slug] })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "instances", message: expect.stringContaining(`${behind.slug} (5.8.1) must go to 5.9.1 first`) }],
    });
  });
});
