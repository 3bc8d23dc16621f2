import { getVmStatus } from "../gcp";
import { db } from "../db/client";
import { StepError, type StepContext } from "../runbooks/types";
import { instanceOf } from "../upgrades/deployment";

/**
 * Runs a step's work; if it fails, the error says which state the instance was left in (its
 * status on record and its VM's status as GCP reports it), so a person knows whether users
 * are served before they read the log.
 */
export async function sayingStateLeft<T>(ctx: StepContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const left = await describeStateLeft(ctx);
    ctx.log(`left: ${left}`);
    const message = e instanceof Error ? e.message : String(e);
    throw new StepError(`${message}. Left: ${left}`, e instanceof StepError ? e.remedy : "Read the log above, then retry the job.");
  }
}

export async function describeStateLeft(ctx: StepContext): Promise<string> {
  const i = instanceOf(ctx);
  const row = await db.instance.findUnique({ where: { id: i.id }, select: { status: true, vmName: true } });
  const vm = row?.vmName ?? i.vmName;
  const vmStatus = await getVmStatus({ project: i.gcpProjectId, zone: i.zone, vmName: vm }).catch((e: Error) => `unknown (${e.message})`);
  return `instance ${row?.status ?? i.status}, VM ${vm} ${vmStatus}`;
}
