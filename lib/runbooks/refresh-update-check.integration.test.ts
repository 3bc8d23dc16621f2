import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { makeActor } from "../testing/factories";
import { waitFor } from "../testing/spawn-worker";
import { toInstanceView } from "../instances/instance-view";
import { seedUpgradableInstance, startUpgradeWorld, type UpgradeWorld } from "../../test-support/upgrade-fixture";

let world: UpgradeWorld;
beforeAll(async () => {
  world = await startUpgradeWorld();
}, 60_000);
afterAll(async () => {
  await world.close();
  await pool().end();
});

async function refresh(slug: string) {
  const job = await createJob(await makeActor("operator"), { kind: "refresh", instanceSlug: slug });
  return waitFor(async () => {
    const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    return j.status === "succeeded" || j.status === "failed" ? j : null;
  }, 120_000, "refresh to end");
}

describe("the refresh job reads the instance's own update check", () => {
  it("records what the instance was told (site.updateCheck through IAP, as its site admin), for its page", async () => {
    const behind = await seedUpgradableInstance(world, "5.10.0");
    const current = await seedUpgradableInstance(world, "5.10.2");
    for (const i of [behind, current]) expect((await refresh(i.slug)).status).toBe("succeeded");
    const a = toInstanceView(await db.instance.findUniqueOrThrow({ where: { id: behind.id } }), { includeIps: true });
    const b = toInstanceView(await db.instance.findUniqueOrThrow({ where: { id: current.id } }), { includeIps: true });
    expect(a.updateCheck).toMatchObject({ pending: false, errorMessage: null, updateVersionAvailable: "5.10.2", checkedAt: expect.any(String), readAt: expect.any(String) });
    expect(b.updateCheck).toMatchObject({ errorMessage: null, updateVersionAvailable: null });
  });
});
