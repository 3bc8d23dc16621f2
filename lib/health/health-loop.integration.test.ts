import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setVmStatus } from "../../emulators/gcp/state";
import { GET as summaryRoute } from "../../app/api/health/summary/route";
import { POST as checkRoute } from "../../app/api/instances/[slug]/health-check/route";
import { GET as historyRoute } from "../../app/api/instances/[slug]/health-history/route";
import { db } from "../db/client";
import { callRoute, tokenFor } from "../testing/api-client";
import { waitFor } from "../testing/spawn-worker";
import { claimDueInstances } from "./claim-due-instances";
import { startHealthLoop } from "./health-loop";
import { seedEmulatedInstances, startHealthEmulators, type HealthEmulators } from "../../test-support/emulated-fleet";

// "Check now" reads its deadline from the env; generous on a loaded machine.
process.env.HEALTH_CHECK_TIMEOUT_MS = "45000";
let emulators: HealthEmulators;
const slugs = Array.from({ length: 6 }, (_, i) => `fleet-${i}`);

beforeAll(async () => {
  emulators = await startHealthEmulators(process.env.DATABASE_URL!);
  await seedEmulatedInstances(emulators, slugs);
});
afterAll(() => emulators?.close());

describe("the health loop", () => {
  it("lets concurrent claimers split the due instances without overlap, then nothing is due", async () => {
    const [a, b, c] = await Promise.all([claimDueInstances(4, 60), claimDueInstances(4, 60), claimDueInstances(4, 60)]);
    const ids = [...a, ...b, ...c].map((t) => t.slug);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(slugs);
    expect(await claimDueInstances(10, 60)).toEqual([]);
    await db.instance.updateMany({ data: { nextHealthCheckAt: null } });
  });

  it("two loops check every instance once per interval, and see a VM go down", async () => {
    await setVmStatus(emulators.gcp.pool, { project: (await db.instance.findUniqueOrThrow({ where: { slug: "fleet-0" } })).gcpProjectId, status: "TERMINATED" });
    const loops = [startHealthLoop({ intervalSeconds: 3600, concurrency: 2, pollMs: 100, checkTimeoutMs: 45_000 }), startHealthLoop({ intervalSeconds: 3600, concurrency: 2, pollMs: 100, checkTimeoutMs: 45_000 })];
    try {
      await waitFor(async () => (await db.instance.count({ where: { healthCheckedAt: { not: null } } })) === slugs.length, 200_000, "every instance checked");
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
    }
    expect(loops[0].completed + loops[1].completed).toBe(slugs.length);
    const down = await db.instance.findUniqueOrThrow({ where: { slug: "fleet-0" } });
    expect(down.health).toBe("down");
    expect(await db.instance.count({ where: { health: "healthy" } })).toBe(slugs.length - 1);
  }, 300_000);
});

describe("health API", () => {
  it("summarises the fleet with the down instance first, naming its failing check", async () => {
    const viewer = await tokenFor("viewer");
    const res = await callRoute(summaryRoute, { url: "/api/health/summary", token: viewer });
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ healthy: 5, down: 1 });
    // A stopped VM publishes no health report and is not SSHed into: its containers could not be checked.
    expect(res.body.unhealthy[0]).toMatchObject({ slug: "fleet-0", health: "down", failing: ["VM status", "Containers"] });
    expect(res.body.unhealthy[0].since).toBeTruthy();
  });

  it("checks now for an operator (audited), refuses a viewer, and shows the history", async () => {
    const operator = await tokenFor("operator");
    const viewer = await tokenFor("viewer");
    await setVmStatus(emulators.gcp.pool, { project: (await db.instance.findUniqueOrThrow({ where: { slug: "fleet-0" } })).gcpProjectId, status: "RUNNING" });
    expect((await callRoute(checkRoute, { url: "/api/instances/fleet-0/health-check", method: "POST", token: viewer, params: { slug: "fleet-0" } })).status).toBe(403);
    const res = await callRoute(checkRoute, { url: "/api/instances/fleet-0/health-check", method: "POST", token: operator, params: { slug: "fleet-0" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: "healthy", previous: "down", changed: true });
    expect(res.body.checks).toHaveLength(5);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "instance.health_check", instanceSlug: "fleet-0" } });
    expect(audit.params).toMatchObject({ state: "healthy" });

    const history = await callRoute(historyRoute, { url: "/api/instances/fleet-0/health-history", token: viewer, params: { slug: "fleet-0" } });
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { state: string }) => e.state)).toEqual(["healthy", "down"]);
    expect(history.body.timeline.at(-1).state).toBe("healthy");
    expect(history.body.timeline.map((s: { state: string }) => s.state)).toContain("down");
    expect((await callRoute(historyRoute, { url: "/api/instances/nope/health-history", token: viewer, params: { slug: "nope" } })).status).toBe(404);
  });
});
