import { db } from "../db/client";
import { AppError } from "../errors/app-error";

type InstanceRow = NonNullable<Awaited<ReturnType<typeof findInstance>>>;

const findInstance = (slug: string) =>
  db.instance.findUnique({ where: { slug }, select: { id: true, slug: true, status: true, machineType: true, dataDiskSizeGb: true, gcpProjectId: true } });

/** Each lifecycle kind's preconditions on the instance as it is now; the runbook's schema checks the fields' shapes. */
const CHECKS: Record<string, (i: InstanceRow, params: Record<string, unknown>) => void | Promise<void>> = {
  suspend: (i) => requireStatus(i, ["active"], "only an active instance can be suspended"),
  resume: (i) => requireStatus(i, ["suspended"], "only a suspended instance can be resumed"),
};

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
