import { z } from "zod";
import { db } from "../db/client";
import { SYSTEM_ACTOR } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import type { StepContext } from "../runbooks/types";
import { APPROVAL_POLICIES } from "../upgrades/upgrade-params";
import { APPROVAL_POLICY_TEXT, approvesAutomatically, type PolicyApprovableStep } from "./approval-policies";

/** The upgrade step whose success is the new colour's health gate (`healthStep` in lib/runbooks/upgrade-steps.ts). */
export const HEALTH_GATE_STEP = "wait-healthy";

const policySchema = z.enum(APPROVAL_POLICIES);

/**
 * Whether the job's approval policy (its `approvalPolicy` param, set by its wave) gives this
 * step without asking; the upgrade runbook's `needed` of the step asks this. When it does,
 * it records the approval as a person's is recorded (the step's `completedBy`, a
 * `job.approve` audit event naming the instance, a log line), once however often the step
 * is looked at again (jobs run at least once). The switch is only given once the health
 * gate has passed, whatever the order of the steps.
 */
export async function policyApproves(ctx: StepContext, stepKey: PolicyApprovableStep): Promise<boolean> {
  if (ctx.params.approvalPolicy === undefined) return false;
  const parsed = policySchema.safeParse(ctx.params.approvalPolicy);
  if (!parsed.success) {
    ctx.log(`approval policy ${JSON.stringify(ctx.params.approvalPolicy)} is unknown: a person approves this step`);
    return false;
  }
  const policy = parsed.data;
  if (!approvesAutomatically(policy, stepKey)) {
    ctx.log(`approval policy "${policy}" (${APPROVAL_POLICY_TEXT[policy].explanation}): a person approves this step`);
    return false;
  }
  const waveId = typeof ctx.params.waveId === "string" ? ctx.params.waveId : null;
  const by = `approval policy ${policy}`;
  const outcome = await db.$transaction(async (tx) => {
    const steps = await tx.jobStep.findMany({ where: { jobId: ctx.jobId, key: { in: [stepKey, HEALTH_GATE_STEP] } }, select: { id: true, key: true, status: true } });
    const step = steps.find((s) => s.key === stepKey);
    if (!step) return "no such step" as const;
    if (stepKey === "approve-switch" && steps.find((s) => s.key === HEALTH_GATE_STEP)?.status !== "succeeded") return "gate not passed" as const;
    // Only the first look records it: a step looked at again after a lost worker is not approved twice.
    const { count } = await tx.jobStep.updateMany({ where: { id: step.id, completedBy: null }, data: { completedBy: by } });
    if (count) {
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: "job.approve",
        targetType: "job",
        targetId: ctx.jobId,
        instanceSlug: ctx.instance?.slug ?? null,
        params: { kind: "upgrade", step: stepKey, by: "policy", policy, waveId },
      });
    }
    return "approved" as const;
  });
  if (outcome === "no such step") {
    ctx.log(`approval policy "${policy}": this job has no step "${stepKey}"; a person approves`);
    return false;
  }
  if (outcome === "gate not passed") {
    ctx.log(`approval policy "${policy}" switches only after the health gate (${HEALTH_GATE_STEP}) has passed, and it has not: a person approves this step`);
    return false;
  }
  ctx.log(`✓ approved automatically by approval policy "${policy}" (${APPROVAL_POLICY_TEXT[policy].explanation})`);
  return true;
}
