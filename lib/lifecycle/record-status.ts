import { recordAudit } from "../audit/record-audit";
import { SYSTEM_ACTOR } from "../auth/actor";
import { db } from "../db/client";
import type { InstanceStatus, Prisma } from "../generated/prisma/client";
import type { StepContext } from "../runbooks/types";
import { instanceOf } from "../upgrades/deployment";

/**
 * Records what a lifecycle job changed on the instance (its status and any fields), with the
 * audit event in the same transaction. The job's creator is in the job's own audit event;
 * this one is the system carrying it out, naming the job.
 */
export async function recordInstanceChange(
  ctx: StepContext,
  change: { action: string; status?: InstanceStatus; data?: Prisma.InstanceUpdateInput; params?: Record<string, unknown> },
): Promise<void> {
  const i = instanceOf(ctx);
  await db.$transaction(async (tx) => {
    await tx.instance.update({ where: { id: i.id }, data: { ...(change.status ? { status: change.status } : {}), ...change.data } });
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: change.action,
      targetType: "instance",
      targetId: i.id,
      instanceSlug: i.slug,
      params: { jobId: ctx.jobId, ...(change.status ? { status: change.status, previous: i.status } : {}), ...change.params },
    });
  });
  if (change.status) ctx.log(`${i.slug} is now ${change.status}`);
}
