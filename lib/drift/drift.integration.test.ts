import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startVm, stopVm } from "../gcp";
import { defaultGcpClients } from "../gcp/clients";
import { waitForOperation } from "../gcp/wait-for-operation";
import { startInstanceJob } from "../jobs/start-instance-job";
import { makeInstance } from "../testing/factories";
import { driveToEnd, logOf, provisionColourInstance, settle, startColourWorld } from "../../test-support/colour-world";
import type { ProvisioningWorld } from "../../test-support/provisioning-world";
import { scheduleDriftChecks } from "./schedule-drift-checks";

/**
 * Drift detection end to end (issue 15, point 3): an instance provisioned through a real
 * worker and Terraform is in sync; its machine type changed through the real compute client
 * behind Terraform's back is drift, the plan summary naming the resource; a reconcile
 * (approved) puts it back and checks again; a hand-built instance is not managed.
 */
let world: ProvisioningWorld;
const ZONE = "us-central1-f";

beforeAll(async () => {
  // The schedule is driven by the test (scheduleDriftChecks with a chosen clock), not the worker's loop.
  world = await startColourWorld("drift", { DRIFT_CHECKS: "0" });
}, 60_000);

afterAll(() => world?.close());

const driftOf = (slug: string) =>
  db.instance.findUniqueOrThrow({ where: { slug }, select: { driftStatus: true, driftChanges: true, driftSummary: true, driftError: true, driftCheckedAt: true, machineType: true } });

async function runJob(jobId: string) {
  const done = await settle(jobId, ["succeeded", "failed"]);
  expect(done.status, `${done.error}\n${(await logOf(jobId)).slice(-3000)}`).toBe("succeeded");
  return done;
}

/** `instances.setMachineType`, which GCP allows only on a stopped VM: stop, set, start. */
async function setMachineTypeBehindTerraform(project: string, vmName: string, machineType: string) {
  const clients = defaultGcpClients();
  const ref = { project, zone: ZONE, vmName };
  await stopVm(ref, clients);
  const resource = `projects/${project}/zones/${ZONE}/instances/${vmName}`;
  const [lro] = await clients.instances.setMachineType(
    { project, zone: ZONE, instance: vmName, instancesSetMachineTypeRequestResource: { machineType: `zones/${ZONE}/machineTypes/${machineType}` } },
    clients.callOptions,
  );
  await waitForOperation(clients, resource, lro, { project, zone: ZONE }, "setMachineType");
  await startVm(ref, clients);
}

describe("drift detection", () => {
  it("in sync after provisioning; a change through the GCP API is drift; reconcile puts it back; a hand-built instance is not managed", async () => {
    const { operator, project } = await provisionColourInstance("driftco");

    await runJob((await startInstanceJob(operator, "driftco", { kind: "drift-check" })).id);
    expect(await driftOf("driftco")).toMatchObject({ driftStatus: "in_sync", driftChanges: 0, driftError: null });

    await setMachineTypeBehindTerraform(project, "prod-red", "n1-standard-16");
    const check = await startInstanceJob(operator, "driftco", { kind: "drift-check" });
    await runJob(check.id);
    expect(await logOf(check.id)).toContain("-detailed-exitcode");
    const drifted = await driftOf("driftco");
    expect(drifted).toMatchObject({ driftStatus: "drifted", driftChanges: 1 });
    expect(drifted.driftSummary).toEqual({
      roots: [
        { root: "infrastructure", counts: expect.objectContaining({ add: 0 }), changes: [] },
        { root: "red", counts: expect.objectContaining({ add: 1, destroy: 1, replace: 1 }), changes: [expect.objectContaining({ address: "module.deployment.terraform_data.vm_settings", action: "replace" })] },
      ],
    });

    // The fleet's "drifted" filter finds it.
    const { listInstances } = await import("../instances/list-instances");
    const { listQuerySchema } = await import("../instances/list-query");
    const listed = await listInstances(listQuerySchema.parse({ drift: "drifted" }), { includeIps: true });
    expect(listed.items.map((i) => i.slug)).toEqual(["driftco"]);

    // Reconcile: the plan, then a person's approval, then the apply and a recheck.
    const reconcile = await startInstanceJob(operator, "driftco", { kind: "reconcile" });
    const waiting = await settle(reconcile.id, ["waiting", "failed"]);
    expect(waiting.status, `${waiting.error}\n${(await logOf(reconcile.id)).slice(-3000)}`).toBe("waiting");
    expect(waiting.steps.find((s) => s.status === "waiting")?.key).toBe("approve-plan");
    const planned = waiting.steps.find((s) => s.key === "plan")!.detail as { plan: { changes: { address: string }[] } };
    expect(planned.plan.changes.map((c) => c.address)).toEqual(["module.deployment.terraform_data.vm_settings"]);
    const reconciled = await driveToEnd(operator, reconcile.id);
    expect(reconciled.status, `${reconciled.error}\n${(await logOf(reconcile.id)).slice(-3000)}`).toBe("succeeded");
    const vm = (await defaultGcpClients().instances.get({ project, zone: ZONE, instance: "prod-red" }))[0];
    expect(vm.machineType).toMatch(/\/machineTypes\/n1-standard-8$/);
    expect(await driftOf("driftco")).toMatchObject({ driftStatus: "in_sync", driftChanges: 0 });

    // Reconciling a hand-built instance is refused before any job exists.
    const handBuilt = await makeInstance({ slug: "byhand" });
    await expect(startInstanceJob(operator, "byhand", { kind: "reconcile" })).rejects.toThrow(/built by hand/);

    // The schedule, a day later: the hand-built one is recorded as not managed (no job), the built one gets a drift-check job.
    const look = await scheduleDriftChecks({ intervalMs: 86_400_000, concurrency: 2, pollMs: 60_000, enabled: true }, new Date(Date.now() + 2 * 86_400_000));
    expect(look).toEqual({ started: ["driftco"], notManaged: ["byhand"] });
    expect(await db.instance.findUniqueOrThrow({ where: { id: handBuilt.id }, select: { driftStatus: true } })).toEqual({ driftStatus: "not_managed" });
    const scheduled = await db.job.findFirstOrThrow({ where: { kind: "drift-check", instance: { slug: "driftco" } }, orderBy: { createdAt: "desc" } });
    // While that check is queued or running, the fleet's concurrency is used: nothing more starts.
    const again = await scheduleDriftChecks({ intervalMs: 86_400_000, concurrency: 1, pollMs: 60_000, enabled: true }, new Date(Date.now() + 2 * 86_400_000));
    expect(again.started).toEqual([]);
    await runJob(scheduled.id);
  });
});
