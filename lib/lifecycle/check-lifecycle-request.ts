import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { GcpError, getSnapshot } from "../gcp";
import { managedByTerraform } from "../drift/managed-by-terraform";
import { SNAPSHOT_NAME } from "./snapshot-name";

type InstanceRow = NonNullable<Awaited<ReturnType<typeof findInstance>>>;

const findInstance = (slug: string) =>
  db.instance.findUnique({ where: { slug }, select: { id: true, slug: true, status: true, machineType: true, dataDiskSizeGb: true, gcpProjectId: true, vmName: true } });

/** Each lifecycle kind's preconditions on the instance as it is now; the runbook's schema checks the fields' shapes. */
const CHECKS: Record<string, (i: InstanceRow, params: Record<string, unknown>) => void | Promise<void>> = {
  suspend: (i) => requireStatus(i, ["active"], "only an active instance can be suspended"),
  resume: (i) => requireStatus(i, ["suspended"], "only a suspended instance can be resumed"),
  resize: checkResize,
  delete: checkDelete,
  restore: checkRestore,
  snapshot: (i) => requireStatus(i, ["active", "suspended"], "only an active or suspended instance can be snapshotted"),
  "change-access": (i) => requireStatus(i, ["active", "suspended"], "only an active or suspended instance can change access"),
  "drift-check": (i) => requireStatus(i, ["active", "suspended"], "only an active or suspended instance is checked for drift"),
  reconcile: (i) => {
    requireStatus(i, ["active", "suspended"], "only an active or suspended instance can be reconciled");
    if (!managedByTerraform(i)) throw new AppError("bad_request", `${i.slug} was built by hand (VM ${i.vmName}): it has no Terraform of ours to reconcile with; import it first`);
  },
};

/** The slug typed back exactly, and nothing else running on the instance (a delete cannot wait in line behind it). */
async function checkDelete(i: InstanceRow, p: Record<string, unknown>): Promise<void> {
  if (typeof p.confirm === "string" && p.confirm !== i.slug) throw fieldError("confirm", `type the instance's slug, ${i.slug}, to confirm`);
  const busy = await db.job.findFirst({ where: { instanceId: i.id, status: { in: ["queued", "running", "waiting"] } }, select: { id: true, kind: true, status: true } });
  if (busy) throw new AppError("conflict", `${i.slug} has a ${busy.kind} job ${busy.status} (${busy.id}): let it finish or cancel it before deleting`);
}

/** The snapshot must be one of this instance's: in its project, and not labelled as another instance's. */
async function checkRestore(i: InstanceRow, p: Record<string, unknown>): Promise<void> {
  requireStatus(i, ["active"], "only an active instance can be restored");
  if (typeof p.snapshot !== "string" || !SNAPSHOT_NAME.test(p.snapshot)) return; // the schema reports it
  const snap = await getSnapshot({ project: i.gcpProjectId, name: p.snapshot }).catch((e: unknown) => {
    if (e instanceof GcpError && e.kind === "not-found") return null;
    throw e;
  });
  if (!snap || (snap.labels.instance && snap.labels.instance !== i.slug)) throw fieldError("snapshot", `${p.snapshot} is not a snapshot of ${i.slug}`);
}

/** Disks only grow (GCP's disks.resize refuses less); a request that changes nothing is a mistake too. */
function checkResize(i: InstanceRow, p: Record<string, unknown>): void {
  requireStatus(i, ["active", "suspended"], "only an active or suspended instance can be resized");
  const size = p.dataDiskSizeGb;
  if (typeof size === "number" && size < i.dataDiskSizeGb) throw fieldError("dataDiskSizeGb", `disks only grow: ${size} GB is less than the current ${i.dataDiskSizeGb} GB`);
  const sameType = p.machineType === undefined || p.machineType === i.machineType;
  const sameSize = size === undefined || size === i.dataDiskSizeGb;
  if (sameType && sameSize) throw fieldError(p.machineType !== undefined ? "machineType" : "dataDiskSizeGb", `${i.slug} already has ${i.machineType} and ${i.dataDiskSizeGb} GB`);
}

/**
 * Refuses, with a 4xx naming the reason and before any job exists, a lifecycle request the
 * instance's current state rules out (resuming what is not suspended, shrinking a disk, …).
 */
export async function checkLifecycleRequest(kind: string, slug: string, params: Record<string, unknown>): Promise<void> {
  const check = CHECKS[kind];
  if (!check) return;
  const instance = await findInstance(slug);
  if (!instance) return; // createJob reports the 404
  await check(instance, params);
}

function requireStatus(i: InstanceRow, allowed: string[], message: string): void {
  if (!allowed.includes(i.status)) throw new AppError("conflict", `${message}; ${i.slug} is ${i.status}`);
}

export function fieldError(field: string, message: string): AppError {
  return new AppError("bad_request", `invalid params: ${field}: ${message}`, [{ field, message }]);
}
