import { db } from "../../db/client";
import { pool } from "../../db/pool";
import { AppError, notFound } from "../../errors/app-error";
import { recordAudit } from "../../audit/record-audit";
import type { Actor } from "../../auth/actor";
import { LogWriter } from "../log-writer";
import { enqueueInTransaction } from "../queue";
import { notifyJobStatus } from "../job-status";
import { loadJobForUpdate } from "./load-job-for-update";

/**
 * Approve the approval step a job waits on, or mark its human task done. Records who, and
 * puts the job back on the queue to go on from the next step.
 */
export async function resolveWaitingStep(actor: Actor, jobId: string, opts: { kind: "approval" | "human"; stepKey?: string }) {
  const step = await db.$transaction(async (tx) => {
    const job = await loadJobForUpdate(tx, jobId);
    const waiting = job.steps.find((s) => s.status === "waiting" && (opts.stepKey ? s.key === opts.stepKey : true));
    if (opts.stepKey && !job.steps.some((s) => s.key === opts.stepKey)) throw notFound(`step "${opts.stepKey}"`);
    if (job.status !== "waiting" || !waiting) throw new AppError("conflict", "the job is not waiting on this step");
    if (waiting.kind !== opts.kind) {
      throw new AppError("conflict", opts.kind === "approval" ? "the job waits on a human task, not an approval" : "the job waits on an approval, not a human task");
    }
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
    return waiting;
  });
  const log = new LogWriter(pool(), jobId);
  log.system(opts.kind === "approval" ? `✓ ${step.name}: approved by ${actor.email}` : `✓ ${step.name}: marked done by ${actor.email}`, step.key);
  await log.flush();
  await notifyJobStatus(pool(), jobId, "queued");
}
