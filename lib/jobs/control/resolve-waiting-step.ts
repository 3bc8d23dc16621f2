import { db } from "../../db/client";
import { pool } from "../../db/pool";
import { AppError, notFound } from "../../errors/app-error";
import { recordAudit } from "../../audit/record-audit";
import type { Actor } from "../../auth/actor";
import { LogWriter } from "../log-writer";
import { enqueueInTransaction } from "../queue";
import { notifyJobStatus } from "../job-status";
import { fourEyesSetting } from "../../approvals/four-eyes-setting";
import { fourEyesRefusal } from "../../approvals/four-eyes-refusal";
import { loadJobForUpdate } from "./load-job-for-update";

/**
 * Approve the approval step a job waits on, or mark its human task done. Records who, and
 * puts the job back on the queue to go on from the next step. Under four-eyes (FOUR_EYES,
 * lib/approvals) the person who started the job may not approve it: a 403 with the reason,
 * audited as `job.approve.refused`, and nothing else changes.
 */
export async function resolveWaitingStep(actor: Actor, jobId: string, opts: { kind: "approval" | "human"; stepKey?: string }) {
  const outcome = await db.$transaction(async (tx) => {
    const job = await loadJobForUpdate(tx, jobId);
    const waiting = job.steps.find((s) => s.status === "waiting" && (opts.stepKey ? s.key === opts.stepKey : true));
    if (opts.stepKey && !job.steps.some((s) => s.key === opts.stepKey)) throw notFound(`step "${opts.stepKey}"`);
    if (job.status !== "waiting" || !waiting) throw new AppError("conflict", "the job is not waiting on this step");
    if (waiting.kind !== opts.kind) {
      throw new AppError("conflict", opts.kind === "approval" ? "the job waits on a human task, not an approval" : "the job waits on an approval, not a human task");
    }
    const refusal = opts.kind === "approval" ? await fourEyesRefusal(tx, fourEyesSetting(), actor, { job, stepKey: waiting.key }) : null;
    if (refusal) return { step: waiting, refused: { reason: refusal, job, step: waiting } };
    await tx.jobStep.update({ where: { id: waiting.id }, data: { status: "succeeded", completedBy: actor.email, finishedAt: new Date() } });
    await tx.job.update({ where: { id: job.id }, data: { status: "queued" } });
    await enqueueInTransaction(tx, job);
    await recordAudit(tx, actor, {
      action: opts.kind === "approval" ? "job.approve" : "job.step.complete",
      targetType: "job",
      targetId: job.id,
      instanceSlug: job.instance?.slug,
      params: { kind: job.kind, step: waiting.key },
    });
    return { step: waiting, refused: null };
  });
  if (outcome.refused) {
    const { reason, job, step } = outcome.refused;
    await recordAudit(db, actor, { action: "job.approve.refused", targetType: "job", targetId: job.id, instanceSlug: job.instance?.slug, params: { kind: job.kind, step: step.key, reason } });
    throw new AppError("forbidden", reason);
  }
  const { step } = outcome;
  const log = new LogWriter(pool(), jobId);
  log.system(opts.kind === "approval" ? `✓ ${step.name}: approved by ${actor.email}` : `✓ ${step.name}: marked done by ${actor.email}`, step.key);
  await log.flush();
  await notifyJobStatus(pool(), jobId, "queued");
}
