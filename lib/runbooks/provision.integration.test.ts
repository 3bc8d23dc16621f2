import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failNextCalls, SEEDED_BILLING_ACCOUNT, type GcpEmulator } from "../../emulators/gcp";
import type { SourcegraphEmulator } from "../../emulators/sourcegraph";
import { getInstance } from "../../emulators/sourcegraph/state";
import { db } from "../db/client";
import { deploymentHistory } from "../deployments/deployment-history";
import { linkBilling } from "../gcp";
import { resolveWaitingStep } from "../jobs/control/resolve-waiting-step";
import { retryJob } from "../jobs/control/retry-job";
import { createInstance } from "../provisioning/create-instance";
import { createInstanceSchema } from "../provisioning/create-instance-schema";
import { LocalSecretStore } from "../secrets/local-secret-store";
import { makeActor } from "../testing/factories";
import { startProvisioningWorld, type ProvisioningWorld } from "../../test-support/provisioning-world";
import { spawnWorker, waitFor } from "../testing/spawn-worker";

let world: ProvisioningWorld;
let gcp: GcpEmulator;
let sourcegraph: SourcegraphEmulator;
let tmp: string;

beforeAll(async () => {
  world = await startProvisioningWorld({ certificateReadsAfterDns: 2, name: "provision" });
  ({ gcp, sourcegraph, tmp } = world);
  // The compute client's first load can block the event loop for seconds on a busy machine;
  // the default 4 s test staleness would then hand the job to a second executor.
  world.workers.push(spawnWorker({ ...world.env, HEARTBEAT_STALE_MS: "60000" }));
}, 60_000);

afterAll(() => world?.close());

const body = (slug: string) =>
  createInstanceSchema.parse({
    slug,
    displayName: "New Co",
    version: "latest",
    machineType: "n1-standard-32",
    dataDiskSizeGb: 1234,
    zone: "europe-west1-c",
    accessMode: "ip_allowlist",
    allowlistCidrs: ["203.0.113.0/24"],
  });

/** The GCP emulator's REST API, read as a client of the real API would. */
async function gcpGet(pathname: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${gcp.url}${pathname}`, { headers: { authorization: "Bearer test" } });
  if (!res.ok) throw new Error(`GET ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** What the person ticking "link billing" did first, in the (emulated) console. */
const linkBillingByHand = (project: string) => linkBilling({ projectId: project, billingAccount: SEEDED_BILLING_ACCOUNT });

async function jobState(jobId: string) {
  return db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { position: "asc" } } } });
}
const settled = (jobId: string, statuses: string[], ms = 120_000) =>
  waitFor(async () => {
    const j = await jobState(jobId);
    return statuses.includes(j.status) ? j : null;
  }, ms, `job ${statuses.join("/")}`);
const logOf = async (jobId: string) => (await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");

describe("provision job", () => {
  it("creates an instance end to end against the emulators and real terraform, waiting on the billing task", async () => {
    const operator = await makeActor("operator");
    const { instance, job } = await createInstance(operator, body("newco"));
    expect(instance.status).toBe("provisioning");
    expect(job.kind).toBe("provision");
    expect(job.progress.total).toBeGreaterThanOrEqual(18);

    const waiting = await settled(job.id, ["waiting", "failed"]);
    expect(waiting.status, waiting.error ?? "").toBe("waiting");
    expect(waiting.steps.find((s) => s.status === "waiting")?.key).toBe("link-billing");

    await linkBillingByHand(instance.gcpProjectId);
    await resolveWaitingStep(operator, job.id, { kind: "human", stepKey: "link-billing" });
    const done = await settled(job.id, ["succeeded", "failed", "waiting"], 180_000);
    const log = await logOf(job.id);
    if (process.env.DUMP_LOG) (await import("node:fs")).writeFileSync(process.env.DUMP_LOG, log);
    expect(done.status, `${done.error}\n${log.slice(-3000)}`).toBe("succeeded");
    expect(done.steps.find((s) => s.key === "link-billing")?.completedBy).toBe(operator.email);
    expect(done.steps.find((s) => s.key === "approve-plan")?.status).toBe("skipped");

    const row = await db.instance.findUniqueOrThrow({ where: { slug: "newco" } });
    expect(row.status).toBe("active");
    expect(row.version).toBe("5.10.2");
    expect(row.globalIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(row.natIps).toHaveLength(2);
    expect(row.vmName).toBe("prod-red");

    // Every input reached the resources, read back through the emulator's REST API.
    const project = row.gcpProjectId;
    const vm = await gcpGet(`/compute/v1/projects/${project}/zones/europe-west1-c/instances/prod-red`);
    expect(vm.machineType).toMatch(/\/zones\/europe-west1-c\/machineTypes\/n1-standard-32$/);
    const disk = await gcpGet(`/compute/v1/projects/${project}/zones/europe-west1-c/disks/prod-red-data`);
    expect(disk.sizeGb).toBe("1234");
    const backend = await gcpGet(`/compute/v1/projects/${project}/global/backendServices/prod-backend-service`);
    expect(String(backend.securityPolicy)).toMatch(/\/global\/securityPolicies\/prod-allowlist$/);
    expect(JSON.stringify(backend.backends)).toContain("/networkEndpointGroups/prod-red-neg");
    const policy = await gcpGet(`/compute/v1/projects/${project}/global/securityPolicies/prod-allowlist`);
    expect(JSON.stringify(policy.rules)).toContain("203.0.113.0/24");
    // State is in the instance's bucket, one prefix per root; nothing on the worker's disk counts.
    const objects = await gcpGet(`/storage/v1/b/${project}-tfstate/o`);
    expect((objects.items as { name: string }[]).map((o) => o.name).sort()).toEqual(["deployments/red/default.tfstate", "infrastructure/default.tfstate"]);
    // The deployment is in git, the commit naming the job and who started it.
    const history = await deploymentHistory({ repo: path.join(tmp, "deployments.git"), slug: "newco" });
    expect(history.find((c) => c.summary.startsWith("render deployment"))).toMatchObject({ jobId: job.id, jobKind: "provision", startedBy: { email: operator.email } });
    expect(history.some((c) => c.summary === "initialize GCP tfstate bucket")).toBe(true);
    const refs = row.secretRefs as Record<string, string>;
    expect(Object.keys(refs).sort()).toEqual(["adminPassword", "serviceAccountKey", "sourcegraphToken"]);
    // References only: the password itself is in the store and nowhere in the log or the database.
    const password = await new LocalSecretStore(path.join(tmp, "secrets")).get(refs.adminPassword);
    expect(password).toHaveLength(40);
    expect(password).toMatch(/\d/);
    expect(password).toMatch(/[^A-Za-z0-9]/);
    expect(log).not.toContain(password);
    expect(JSON.stringify(row)).not.toContain(password);

    expect(log).toContain("waiting for the managed SSL certificate: certificate PROVISIONING");
    expect(log).toContain("certificate ACTIVE");
    // Before the certificate, Sourcegraph was reached through IAP; the allowlist refuses the public URL.
    expect(log).toMatch(/Listening on port \[\d+\]/);
    expect(done.steps.find((s) => s.key === "certificate")?.detail).toMatchObject({ publicUrl: "not checked (IP allowlist)" });
    expect(log).toContain(`A newco.sourcegraph.com. → ${row.globalIp}`);

    // What the VM prod-red's Sourcegraph (its database on prod-red-data) now holds.
    const sg = (await getInstance(sourcegraph.pool, "newco"))!;
    expect(sg.needsSiteInit).toBe(false);
    expect(sg.admin).toMatchObject({ email: "managed+newco@sourcegraph.com", username: "sourcegraph-admin" });
    expect(sg.siteConfig.contents).toContain('"externalURL": "https://newco.sourcegraph.com"');
    expect(sg.settings.contents).toContain('"alerts.showPatchUpdates": false');

    const audit = await db.auditEvent.findMany({ where: { instanceSlug: "newco" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["instance.create", "job.create", "job.step.complete", "instance.provisioned"]));
  }, 240_000);

  it("fails a step with what to do next, logs what exists so far, and resumes there on retry", async () => {
    const operator = await makeActor("operator");
    const { job } = await createInstance(operator, body("failco"));
    await settled(job.id, ["waiting"]);
    await linkBillingByHand("sourcegraph-managed-failco");
    await failNextCalls(gcp.pool, { method: "serviceusage.services.enable", project: "sourcegraph-managed-failco", error: "permissionDenied" });
    await resolveWaitingStep(operator, job.id, { kind: "human", stepKey: "link-billing" });
    const failed = await settled(job.id, ["failed", "succeeded"]);
    expect(failed.status).toBe("failed");
    const step = failed.steps.find((s) => s.status === "failed")!;
    expect(step.key).toBe("enable-compute");
    const log = await logOf(job.id);
    expect(log).toContain("what exists for this instance so far:");
    expect(log).toContain("GCP project: ACTIVE (sourcegraph-managed-failco)");
    expect(log).toContain("billing: linked");
    expect(log).toContain("service account deploy: deploy@sourcegraph-managed-failco.iam.gserviceaccount.com");
    expect((await db.instance.findUniqueOrThrow({ where: { slug: "failco" } })).status).toBe("failed");
    const projectStepStarted = failed.steps.find((s) => s.key === "create-project")!.startedAt;

    await retryJob(operator, job.id);
    const done = await settled(job.id, ["succeeded", "failed"], 180_000);
    expect(done.status, `${done.error}\n${(await logOf(job.id)).slice(-3000)}`).toBe("succeeded");
    // Resumed at the failed step: the finished ones did not run again.
    expect(done.steps.find((s) => s.key === "create-project")!.startedAt).toEqual(projectStepStarted);
    expect((await db.instance.findUniqueOrThrow({ where: { slug: "failco" } })).status).toBe("active");
  }, 240_000);
});
