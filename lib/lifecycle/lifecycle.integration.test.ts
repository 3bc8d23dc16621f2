import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GcpEmulator } from "../../emulators/gcp";
import type { SourcegraphEmulator } from "../../emulators/sourcegraph";
import { EMULATED_CLIENT_IP_HEADER } from "../../emulators/sourcegraph/public-edge";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { resolveWaitingStep } from "../jobs/control/resolve-waiting-step";
import { startInstanceJob } from "../jobs/start-instance-job";
import { claimDueInstances } from "../health/claim-due-instances";
import { scheduleDueSnapshots } from "./schedule-snapshots";
import { createInstance } from "../provisioning/create-instance";
import { createInstanceSchema } from "../provisioning/create-instance-schema";
import { makeActor } from "../testing/factories";
import { startColourWorld } from "../../test-support/colour-world";
import type { ProvisioningWorld } from "../../test-support/provisioning-world";
import { waitFor } from "../testing/spawn-worker";

/**
 * An instance's life after creation, through real workers, the real GCP clients and real
 * Terraform against the emulators: one instance is provisioned, then each lifecycle job runs
 * on it in turn, read back the way the real APIs answer.
 */
let world: ProvisioningWorld;
let gcp: GcpEmulator;
let sourcegraph: SourcegraphEmulator;
let operator: Actor;
const SLUG = "lifeco";
let project = "";

beforeAll(async () => {
  // The health loop and the backup schedule stay out of the way: this test runs each job itself.
  world = await startColourWorld("lifecycle", { HEALTH_CHECKS: "0", BACKUP_SCHEDULE: "0" });
  ({ gcp, sourcegraph } = world);
  operator = await makeActor("operator");
  const { instance, job } = await createInstance(
    operator,
    createInstanceSchema.parse({ slug: SLUG, displayName: "Life Co", version: "5.9.1", machineType: "n1-standard-8", dataDiskSizeGb: 500, accessMode: "public_sso" }),
  );
  project = instance.gcpProjectId;
  const provisioned = await settle(job.id);
  if (provisioned.status !== "succeeded") throw new Error(`provisioning failed: ${provisioned.error}\n${(await logOf(job.id)).slice(-2000)}`);
}, 300_000);

afterAll(() => world?.close());

const ZONE = "us-central1-f";
const gcpGet = async (pathname: string) => (await (await fetch(`${gcp.url}${pathname}`, { headers: { authorization: "Bearer test" } })).json()) as Record<string, unknown>;
const vm = (name = "prod-red") => gcpGet(`/compute/v1/projects/${project}/zones/${ZONE}/instances/${name}`);
const publicHealthz = async (clientIp?: string) =>
  (await fetch(`${sourcegraph.url}/i/${SLUG}/healthz`, { headers: clientIp ? { [EMULATED_CLIENT_IP_HEADER]: clientIp } : {} })).status;
const record = () => db.instance.findUniqueOrThrow({ where: { slug: SLUG } });

async function settle(jobId: string, approve = false) {
  return waitFor(async () => {
    const j = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { position: "asc" } } } });
    if (approve && j.status === "waiting") await resolveWaitingStep(operator, jobId, { kind: "approval" }).catch(() => {});
    return ["succeeded", "failed", "cancelled"].includes(j.status) ? j : null;
  }, 240_000, `job ${jobId} to end`);
}
const logOf = async (jobId: string) => (await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");

async function run(kind: string, params: Record<string, unknown> = {}, approve = true) {
  const job = await startInstanceJob(operator, SLUG, { kind, ...params });
  const done = await settle(job.id, approve);
  expect(done.status, `${done.error}\n${(await logOf(job.id)).slice(-3000)}`).toBe("succeeded");
  return { job: done, log: await logOf(job.id) };
}

async function refused(kind: string, params: Record<string, unknown> = {}): Promise<AppError> {
  const jobsBefore = await db.job.count();
  const err = await startInstanceJob(operator, SLUG, { kind, ...params }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(await db.job.count()).toBe(jobsBefore);
  return err as AppError;
}

describe("suspend and resume", () => {
  it("refuses to resume an instance that is not suspended", async () => {
    expect((await refused("resume")).status).toBe(409);
  });

  it("suspend stops the VM (data disk kept); the health loop skips it; resume starts it and passes the health gate", async () => {
    const { log } = await run("suspend");
    expect(log).toContain("VM prod-red is TERMINATED");
    expect((await vm()).status).toBe("TERMINATED");
    expect((await gcpGet(`/compute/v1/projects/${project}/zones/${ZONE}/disks/prod-red-data`)).name).toBe("prod-red-data");
    expect(await publicHealthz()).not.toBe(200);
    expect(await record()).toMatchObject({ status: "suspended", health: "unknown" });
    // Due now, yet not claimed: the health loop skips suspended instances.
    await db.instance.update({ where: { slug: SLUG }, data: { nextHealthCheckAt: new Date(0) } });
    expect((await claimDueInstances(10_000, 300)).map((t) => t.slug)).not.toContain(SLUG);
    expect((await refused("suspend")).status).toBe(409);

    const resumed = await run("resume");
    expect(resumed.log).toMatch(/containers healthy, \/healthz ok, \/__version 5\.9\.1/);
    expect((await vm()).status).toBe("RUNNING");
    expect(await publicHealthz()).toBe(200);
    expect((await record()).status).toBe("active");
    const audit = await db.auditEvent.findMany({ where: { instanceSlug: SLUG, action: { in: ["instance.suspended", "instance.resumed"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["instance.resumed", "instance.suspended"]);
  });
});

describe("resize", () => {
  it("refuses a smaller disk, an unknown machine type and a request that changes nothing (400, no job)", async () => {
    const shrink = await refused("resize", { dataDiskSizeGb: 400 });
    expect(shrink.status).toBe(400);
    expect(shrink.fields[0]).toMatchObject({ field: "dataDiskSizeGb", message: expect.stringContaining("disks only grow") });
    expect((await refused("resize", { machineType: "n1-standard-7" })).status).toBe(400);
    expect((await refused("resize", { machineType: "n1-standard-8" })).status).toBe(400);
  });

  it("sets the machine type on the stopped VM through Terraform and grows the disk, then its filesystem, then the health gate", async () => {
    const { log } = await run("resize", { machineType: "n1-standard-16", dataDiskSizeGb: 800 });
    expect(log).toContain("downtime: a few minutes");
    expect(log).toMatch(/VM prod-red is TERMINATED/);
    expect(log).toMatch(/setMachineType: 200/);
    expect(log).toMatch(/The filesystem on \/dev\/sdb is now 209715200 \(4k\) blocks long/);
    expect(log).toMatch(/containers healthy, \/healthz ok/);
    const after = await vm();
    expect(after.status).toBe("RUNNING");
    expect(String(after.machineType)).toMatch(/\/machineTypes\/n1-standard-16$/);
    expect((await gcpGet(`/compute/v1/projects/${project}/zones/${ZONE}/disks/prod-red-data`)).sizeGb).toBe("800");
    expect(await record()).toMatchObject({ machineType: "n1-standard-16", dataDiskSizeGb: 800, status: "active" });
    expect(await publicHealthz()).toBe(200);
  });
});

describe("change-access", () => {
  it("refuses a malformed CIDR and an allowlist without blocks (400, no job)", async () => {
    expect((await refused("change-access", { accessMode: "ip_allowlist", allowlistCidrs: ["203.0.113.0/33"] })).status).toBe(400);
    expect((await refused("change-access", { accessMode: "ip_allowlist", allowlistCidrs: [] })).status).toBe(400);
  });

  it("puts a Cloud Armor allowlist on the load balancer through Terraform: clients inside get in, outside get 403; and back to public", async () => {
    expect(await publicHealthz("198.51.100.7")).toBe(200);
    const { log } = await run("change-access", { accessMode: "ip_allowlist", allowlistCidrs: ["203.0.113.0/24"] });
    expect(log).toContain("enforces prod-allowlist");
    expect(await publicHealthz("203.0.113.9")).toBe(200);
    expect(await publicHealthz("198.51.100.7")).toBe(403);
    expect(await record()).toMatchObject({ accessMode: "ip_allowlist", allowlistCidrs: ["203.0.113.0/24"] });

    // Removing the policy destroys resources: the plan waits for approval (given by run()).
    const back = await run("change-access", { accessMode: "public_sso", allowlistCidrs: [] });
    expect(back.job.steps.find((st) => st.key === "approve-plan")?.status).toBe("succeeded");
    expect(await publicHealthz("198.51.100.7")).toBe(200);
    expect((await record()).accessMode).toBe("public_sso");
  });
});

describe("snapshot and restore", () => {
  type Snap = { name: string; diskSizeGb: string; labels: Record<string, string> };
  const snapshots = async () => ((await gcpGet(`/compute/v1/projects/${project}/global/snapshots`)).items ?? []) as Snap[];

  it("takes a manual snapshot kept 90 days, and prunes the expired ones", async () => {
    // An old weekly snapshot, as the schedule would have left it.
    const planted = await fetch(`${gcp.url}/compute/v1/projects/${project}/zones/${ZONE}/disks/prod-red-data/createSnapshot`, {
      method: "POST",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: JSON.stringify({ name: "scheduled-2020-01-01-old", labels: { purpose: "scheduled", instance: SLUG, expires: "2020-04-01" } }),
    });
    expect(planted.status).toBe(200);
    const { log } = await run("snapshot");
    expect(log).toContain("pruned scheduled-2020-01-01-old");
    const names = (await snapshots()).map((s) => s.name);
    expect(names).not.toContain("scheduled-2020-01-01-old");
    const manual = (await snapshots()).find((s) => s.labels.purpose === "manual")!;
    expect(manual.labels.expires).toBe(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  });

  it("schedules a weekly snapshot job for an instance whose last one is older than a week", async () => {
    const lastWeek = new Date(Date.now() - 8 * 86_400_000);
    await db.job.updateMany({ where: { instance: { slug: SLUG }, kind: "snapshot" }, data: { createdAt: lastWeek } });
    await db.instance.update({ where: { slug: SLUG }, data: { createdAt: lastWeek } });
    expect(await scheduleDueSnapshots()).toContain(SLUG);
    const scheduled = await db.job.findFirstOrThrow({ where: { instance: { slug: SLUG }, kind: "snapshot" }, orderBy: { createdAt: "desc" } });
    expect(scheduled.params).toEqual({ reason: "scheduled" });
    expect((await settle(scheduled.id)).status).toBe("succeeded");
    expect(await scheduleDueSnapshots()).not.toContain(SLUG);
  });

  it("refuses a snapshot that is not this instance's (400, no job)", async () => {
    expect((await refused("restore", { snapshot: "no-such-snapshot" })).fields[0].field).toBe("snapshot");
    expect((await refused("restore", { snapshot: "projects/x/global/snapshots/y" })).status).toBe(400);
  });

  it("restores red/black: black made from the snapshot, users switched to it, red destroyed; the live disk never overwritten", async () => {
    const manual = (await snapshots()).find((s) => s.labels.purpose === "manual")!;
    const { log } = await run("restore", { snapshot: manual.name });
    expect(log).toContain("users stay on red until the switch");
    expect((await gcpGet(`/compute/v1/projects/${project}/zones/${ZONE}/disks/prod-black-data`)).sourceSnapshot).toMatch(new RegExp(`/${manual.name}$`));
    expect((await fetch(`${gcp.url}/compute/v1/projects/${project}/zones/${ZONE}/instances/prod-red`, { headers: { authorization: "Bearer test" } })).status).toBe(404);
    expect(await record()).toMatchObject({ vmName: "prod-black", status: "active" });
    expect(await publicHealthz()).toBe(200);
  });
});

describe("delete", () => {
  it("refuses a confirmation that does not match, and deleting while another job runs (4xx, no job)", async () => {
    const wrong = await refused("delete", { confirm: "lifeco2" });
    expect(wrong.status).toBe(400);
    expect(wrong.fields[0].field).toBe("confirm");
    const busy = await startInstanceJob(operator, SLUG, { kind: "refresh" });
    expect((await refused("delete", { confirm: SLUG })).status).toBe(409);
    await settle(busy.id);
  });

  it("after approval: final snapshot kept, deployment destroyed, DNS record, secrets and key gone, project DELETE_REQUESTED, status deleted", async () => {
    const before = await record();
    const { job, log } = await run("delete", { confirm: SLUG });
    expect(job.steps.find((st) => st.key === "approve-delete")?.status).toBe("succeeded");
    expect(log).toMatch(/GCP keeps it 30 days/);
    for (const name of ["prod-red", "prod-black"]) {
      expect((await fetch(`${gcp.url}/compute/v1/projects/${project}/zones/${ZONE}/instances/${name}`, { headers: { authorization: "Bearer test" } })).status).toBe(404);
    }
    const backend = await fetch(`${gcp.url}/compute/v1/projects/${project}/global/backendServices/prod-backend-service`, { headers: { authorization: "Bearer test" } });
    expect(backend.status).toBe(404);
    const snapshots = (await gcpGet(`/compute/v1/projects/${project}/global/snapshots`)).items as { name: string; labels: Record<string, string> }[];
    expect(snapshots.find((s) => s.labels.purpose === "final")?.labels.expires).toBeUndefined();
    expect((await gcpGet(`/v3/projects/${project}`)).state).toBe("DELETE_REQUESTED");
    const after = await record();
    expect(after).toMatchObject({ status: "deleted", secretRefs: {} });
    expect(Object.keys(before.secretRefs as object).length).toBeGreaterThan(0);
    // Still listable with its history; no new job can start on it.
    expect(await db.job.count({ where: { instanceId: after.id } })).toBeGreaterThan(3);
    expect((await refused("suspend")).status).toBe(409);
  });
});
