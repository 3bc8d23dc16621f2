import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setVmStatus } from "../../emulators/gcp/state";
import { setContainer } from "../../emulators/sourcegraph/state";
import { seedAllowlist } from "../../emulators/sourcegraph/testing/seed-allowlist";
import { db } from "../db/client";
import { startHealthLoop } from "./health-loop";
import { seedEmulatedInstances, startHealthEmulators, type HealthEmulators } from "../../test-support/emulated-fleet";
import type { CheckResult } from "./types";

/**
 * The loop's checks without SSH (issue 13): VM states from Cloud Asset Inventory under the
 * fleet's folder, containers (and an allowlisted instance's frontend) from the VM's health
 * report in its guest attributes, the certificate from one list call; SSH and IAP only for a
 * VM built by hand, which publishes no report.
 */
const FOLDER = "folders/1300";
let emulators: HealthEmulators;

beforeAll(async () => {
  emulators = await startHealthEmulators(process.env.DATABASE_URL!);
  await seedEmulatedInstances(emulators, ["built-a", "built-b", "built-c"], "5.10.1", { healthReport: true, parent: FOLDER });
  const [walled] = await seedEmulatedInstances(emulators, ["walled"], "5.10.1", { healthReport: true, parent: FOLDER });
  await seedAllowlist(emulators.gcp.pool, { project: walled.gcpProjectId, zone: walled.zone, cidrs: ["203.0.113.0/24"] });
  await db.instance.update({ where: { id: walled.id }, data: { accessMode: "ip_allowlist", allowlistCidrs: ["203.0.113.0/24"] } });
  // Built by hand (the runbook's way): no cron job, so no report; and outside the folder.
  await seedEmulatedInstances(emulators, ["by-hand"], "5.10.1", {});
});
afterAll(() => emulators?.close());

async function runRound(opts: { scope: string | null }) {
  await db.instance.updateMany({ data: { nextHealthCheckAt: null } });
  const loop = startHealthLoop({ intervalSeconds: 3600, concurrency: 8, pollMs: 100, checkTimeoutMs: 45_000, inventoryScope: opts.scope });
  const total = await db.instance.count();
  const started = Date.now();
  while (loop.completed < total && Date.now() - started < 200_000) await new Promise((r) => setTimeout(r, 100));
  await loop.stop();
  const rows = await db.instance.findMany({ select: { slug: true, health: true, healthChecks: true } });
  const checks = Object.fromEntries(rows.map((r) => [r.slug, Object.fromEntries((r.healthChecks as unknown as CheckResult[]).map((c) => [c.key, c]))]));
  return { loop, health: Object.fromEntries(rows.map((r) => [r.slug, r.health])), checks };
}

describe("the loop's checks", () => {
  it("take VM states from the inventory and containers from the report; SSH and IAP only for the VM built by hand", async () => {
    const { loop, health, checks } = await runRound({ scope: FOLDER });
    expect(health).toEqual({ "built-a": "healthy", "built-b": "healthy", "built-c": "healthy", walled: "healthy", "by-hand": "healthy" });
    expect(loop.stats).toMatchObject({ reports: 4, sshFallbacks: 1, iapFallbacks: 0, vmReadsPerProject: 1 });
    expect(loop.stats.inventory).toMatchObject({ searches: 1, failures: 0 });
    expect(checks["built-a"].vm.message).toBe("VM prod is RUNNING (asset inventory)");
    expect(checks["built-a"].containers.message).toMatch(/containers healthy \(health report\)/);
    expect(checks["by-hand"].vm.message).toBe("VM prod is RUNNING");
    // The allowlisted instance's frontend, as the VM itself saw it: no public URL (403 there), no tunnel.
    expect(checks.walled.healthz.message).toBe("ok (health report, from the VM)");
    expect(checks.walled.version.message).toBe("reports 5.10.1 (health report)");
  }, 240_000);

  it("see a VM stop through the inventory and a crashed one-shot through the report, each change recorded once", async () => {
    const built = await db.instance.findUniqueOrThrow({ where: { slug: "built-b" } });
    await setVmStatus(emulators.gcp.pool, { project: built.gcpProjectId, status: "TERMINATED" });
    await setContainer(emulators.sourcegraph.pool, "built-c", "migrator", { exitCode: 2 });
    const before = await db.healthEvent.count();
    const { health, checks } = await runRound({ scope: FOLDER });
    expect(health).toMatchObject({ "built-a": "healthy", "built-b": "down", "built-c": "degraded" });
    expect(checks["built-b"].vm.message).toBe("VM prod is TERMINATED (asset inventory)");
    expect(checks["built-c"].containers).toMatchObject({ outcome: "fail", message: "migrator exited with 2" });
    const events = await db.healthEvent.findMany({ where: { at: { gt: new Date(0) } }, orderBy: { at: "asc" }, include: { instance: { select: { slug: true } } } });
    expect(events.length - before).toBe(2);
    expect(events.slice(-2).map((e) => [e.instance.slug, e.previous, e.state]).sort()).toEqual([
      ["built-b", "healthy", "down"],
      ["built-c", "healthy", "degraded"],
    ]);
  }, 240_000);

  it("read each VM in its project when no inventory scope is configured", async () => {
    const { loop, health } = await runRound({ scope: null });
    expect(health["built-b"]).toBe("down");
    expect(loop.stats.vmReadsPerProject).toBe(5);
    expect(loop.stats.inventory.searches).toBe(0);
  }, 240_000);
});
