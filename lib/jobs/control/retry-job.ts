import { db } from "../../db/client";
import { pool } from "../../db/pool";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../../audit/record-audit";
import type { Actor } from "../../auth/actor";
import { LogWriter } from "../log-writer";
import { enqueueInTransaction } from "../queue";
import { notifyJobStatus } from "../job-status";
import { loadJobForUpdate } from "./load-job-for-update";

/** Retry a failed or cancelled job from the step that did not finish; earlier steps stay done. */
export async function retryJob(actor: Actor, jobId: string) {
  const from = await db.$transaction(async (tx) => {
    const job = await loadJobForUpdate(tx, jobId);
    if (job.status !== "failed" && job.status !== "cancelled") throw new AppError("conflict", `only a failed or cancelled job can be retried (this one is ${job.status})`);
    const first = job.steps.find((s) => s.status !== "succeeded" && s.status !== "skipped");
    await tx.jobStep.updateMany({ where: { jobId: job.id, status: { in: ["failed", "running", "waiting"] } }, data: { status: "pending", error: null, finishedAt: null } });
    await tx.job.update({ where: { id: job.id }, data: { status: "queued", error: null, cancelRequestedAt: null, finishedAt: null, attempts: 0 } });
    await enqueueInTransaction(tx, job);
    await recordAudit(tx, actor, { action: "job.retry", targetType: "job", targetId: job.id, instanceSlug: job.instance?.slug, params: { kind: job.kind, fromStep: first?.key ?? null } });
    return first?.name ?? "the end";
  });
  const log = new LogWriter(pool(), jobId);
  log.system(`↻ retried by ${actor.email}, resuming at "${from}"`);
  await log.flush();
  await notifyJobStatus(pool(), jobId, "queued");
}
