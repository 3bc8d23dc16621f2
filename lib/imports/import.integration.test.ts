import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as candidatesRoute from "../../app/api/import/candidates/route";
import * as importRoute from "../../app/api/instances/import/route";
import * as approveRoute from "../../app/api/jobs/[id]/approve/route";
import * as instanceJobs from "../../app/api/instances/[slug]/jobs/route";
import { seedHandBuilt } from "../../emulators/seed-hand-built";
import { seedProject } from "../../emulators/gcp";
import { db } from "../db/client";
import { snapshotDatabase } from "../security/snapshot-database";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeInstance } from "../testing/factories";
import { startProvisioningWorld, type ProvisioningWorld } from "../../test-support/provisioning-world";
import { spawnWorker, waitFor } from "../testing/spawn-worker";

const PARENT = "folders/424242424242";
process.env.GCP_PROJECT_PARENT = PARENT;

let world: ProvisioningWorld;
let operator: string;
let colleague: string;

beforeAll(async () => {
  world = await startProvisioningWorld({ certificateReadsAfterDns: 0, name: "import" });
  // The route stores the access token given with an import; the worker reads it back.
  process.env.SECRETS_DIR = world.env.SECRETS_DIR;
  [operator, colleague] = await Promise.all([tokenFor("operator"), tokenFor("operator")]);
  await seedHandBuilt(world.gcp.pool, PARENT, [
    { slug: "impco", zone: "us-east1-c", machineType: "n1-standard-16", dataDiskSizeGb: 1000, version: "5.9.1" },
    { slug: "impmanaged", zone: "us-central1-f", machineType: "n1-standard-8", dataDiskSizeGb: 500, version: "5.9.1" },
  ]);
  await seedHandBuilt(world.gcp.pool, "folders/999999999999", [{ slug: "elsewhere", zone: "us-central1-f", machineType: "n1-standard-8", dataDiskSizeGb: 500, version: "5.9.1" }]);
  await seedProject(world.gcp.pool, { project: "unrelated-project-1", parent: PARENT });
  await makeInstance({ slug: "impmanaged" });
}, 120_000);
afterAll(async () => {
  await world.close();
});

const importProject = (projectId: unknown, token = operator, sourcegraphToken?: unknown) =>
  callRoute(importRoute.POST, { url: "/api/instances/import", method: "POST", token, body: { projectId, ...(sourcegraphToken === undefined ? {} : { sourcegraphToken }) } });
/** seedHandBuilt's token for a slug: what 1Password holds for a real hand-built instance. */
const seededToken = (slug: string) => `sgp_demo_${createHash("sha256").update(slug).digest("hex").slice(0, 32)}`;

describe("importing a hand-built instance", () => {
  it("lists the projects under the fleet's parent that look managed and are not managed yet", async () => {
    const r = await callRoute(candidatesRoute.GET, { url: "/api/import/candidates", token: operator });
    expect(r.status).toBe(200);
    expect(r.body.parent).toBe(PARENT);
    expect(r.body.candidates).toEqual([{ projectId: "sourcegraph-managed-impco", displayName: "sourcegraph-managed-impco", slug: "impco" }]);
    expect((await callRoute(candidatesRoute.GET, { url: "/api/import/candidates", token: await tokenFor("viewer") })).status).toBe(403);
  });

  it("refuses a managed project, a project it cannot read and a malformed id with a clear 4xx, writing nothing", async () => {
    const before = await snapshotDatabase();
    const managed = await importProject("sourcegraph-managed-impmanaged");
    expect([managed.status, managed.body.error.fields[0].field, managed.body.error.message]).toEqual([409, "projectId", expect.stringContaining("already managed")]);
    const unreadable = await importProject("sourcegraph-managed-nosuch");
    expect([unreadable.status, unreadable.body.error.fields[0].field, unreadable.body.error.message]).toEqual([400, "projectId", expect.stringContaining("cannot read project sourcegraph-managed-nosuch")]);
    for (const bad of ["acme; rm -rf /", "other-project-1", "", 42]) expect((await importProject(bad)).status).toBe(400);
    const badToken = await importProject("sourcegraph-managed-impco", operator, "hunter2");
    expect([badToken.status, badToken.body.error.fields[0].field]).toEqual([400, "sourcegraphToken"]);
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("discovers the deployment, shows a dry run, records nothing before approval, then records it; the instance then upgrades like any other", async () => {
    world.workers.push(spawnWorker({ ...world.env, UPGRADE_HEALTH_POLL_MS: "300", UPGRADE_HEALTH_TIMEOUT_MS: "30000" }));
    const started = await importProject("sourcegraph-managed-impco", operator, seededToken("impco"));
    expect(started.status).toBe(202);
    expect(started.body.instance).toMatchObject({ slug: "impco", status: "importing" });
    const jobId = started.body.job.id as string;

    const waiting = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: true } });
      if (j.status === "failed") throw new Error(`import failed: ${j.error}`);
      return j.status === "waiting" ? j : null;
    }, 120_000, "the import to wait for approval");
    const dryRun = waiting.steps.find((s) => s.key === "dry-run")!.detail as { record: Record<string, unknown>; layout: string; changes: string[] };
    expect(dryRun.layout).toBe("hand-built");
    expect(dryRun.record).toMatchObject({ zone: "us-east1-c", vmName: "prod", machineType: "n1-standard-16", dataDiskSizeGb: 1000, version: "5.9.1" });
    expect(dryRun.changes.join("\n")).toContain("nothing users reach changes");
    expect(dryRun.changes.join("\n")).toContain("the state bucket sourcegraph-managed-impco-tfstate is adopted");
    expect(dryRun.changes.join("\n")).not.toContain("no access token");
    expect(await db.instance.findUniqueOrThrow({ where: { slug: "impco" } })).toMatchObject({ status: "importing", zone: "", version: "0.0.0" });

    const approved = await callRoute(approveRoute.POST, { url: `/api/jobs/${jobId}/approve`, method: "POST", token: colleague, params: { id: jobId }, body: { step: "approve-import" } });
    expect(approved.status).toBe(202);
    const done = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      return j.status === "succeeded" || j.status === "failed" ? j : null;
    }, 60_000, "the import to finish");
    expect(done.status, done.error ?? "").toBe("succeeded");
    const recorded = await db.instance.findUniqueOrThrow({ where: { slug: "impco" } });
    expect(recorded).toMatchObject({ status: "active", zone: "us-east1-c", region: "us-east1", vmName: "prod", machineType: "n1-standard-16", dataDiskSizeGb: 1000, version: "5.9.1" });
    expect(recorded.natIps).toHaveLength(2);
    expect(await db.auditEvent.count({ where: { instanceSlug: "impco", action: { in: ["instance.import", "instance.imported"] } } })).toBe(2);

    // Adopted: the deploy key minted and the state bucket under Terraform (gcp-tfstate's state).
    const bucket = await world.gcp.pool.query(`SELECT name FROM gcp_emulator.storage_bucket WHERE name = 'sourcegraph-managed-impco-tfstate'`);
    expect(bucket.rowCount).toBe(1);
    expect((recorded.secretRefs as Record<string, string>).serviceAccountKey).toBeTruthy();

    // It then upgrades like any other: its first colour beside prod, the front end adopted at the switch, prod gone.
    const upgrade = await callRoute(instanceJobs.POST, { url: "/api/instances/impco/jobs", method: "POST", token: operator, params: { slug: "impco" }, body: { kind: "upgrade", version: "5.10.0" } });
    expect(upgrade.status).toBe(202);
    const upgradeId = upgrade.body.job.id as string;
    const sideBySide = waitFor(async () => {
      const vms = await world.gcp.pool.query<{ name: string }>(`SELECT name FROM gcp_emulator.resource WHERE project = 'sourcegraph-managed-impco' AND kind = 'instance' ORDER BY name`);
      return vms.rows.length === 2 ? vms.rows.map((r) => r.name) : null;
    }, 240_000, "two VMs side by side");
    const upgraded = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: upgradeId } });
      if (j.status === "waiting") await callRoute(approveRoute.POST, { url: `/api/jobs/${upgradeId}/approve`, method: "POST", token: colleague, params: { id: upgradeId }, body: {} }).catch(() => null);
      return ["succeeded", "failed", "cancelled"].includes(j.status) ? j : null;
    }, 300_000, "the upgrade to end");
    expect(upgraded.status, upgraded.error ?? "").toBe("succeeded");
    expect(await sideBySide).toEqual(["prod", "prod-red"]);
    const vmsAfter = await world.gcp.pool.query<{ name: string }>(`SELECT name FROM gcp_emulator.resource WHERE project = 'sourcegraph-managed-impco' AND kind = 'instance'`);
    expect(vmsAfter.rows.map((r) => r.name)).toEqual(["prod-red"]);
    expect(await db.instance.findUniqueOrThrow({ where: { slug: "impco" } })).toMatchObject({ vmName: "prod-red", version: "5.10.0", status: "active" });
  }, 600_000);
});
