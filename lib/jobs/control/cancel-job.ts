import { db } from "../../db/client";
import { pool } from "../../db/pool";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../../audit/record-audit";
import type { Actor } from "../../auth/actor";
import { LogWriter } from "../log-writer";
import { CHANNELS } from "../notifications";
import { notifyJobStatus } from "../job-status";
import { loadJobForUpdate } from "./load-job-for-update";
import { enqueueInTransaction } from "../queue";
import { runbookMetadata } from "../../runbooks/metadata";

/**
 * Cancel: a queued or waiting job ends here and now; a running one gets the flag and a
 * NOTIFY, and its worker interrupts the step's child process (SIGINT, then SIGTERM).
 */
export async function cancelJob(actor: Actor, jobId: string) {
  const outcome = await db.$transaction(async (tx) => {
    const job = await loadJobForUpdate(tx, jobId);
    if (job.status === "succeeded" || job.status === "failed" || job.status === "cancelled") {
      throw new AppError("conflict", `the job already ended (${job.status})`);
    }
    await recordAudit(tx, actor, { action: "job.cancel", targetType: "job", targetId: job.id, instanceSlug: job.instance?.slug, params: { kind: job.kind } });
    if (job.status === "running") {
      await tx.job.update({ where: { id: job.id }, data: { cancelRequestedAt: new Date() } });
      await tx.$executeRaw`SELECT pg_notify(${CHANNELS.cancel}, ${job.id})`;
      return "signalled" as const;
    }
    if (job.status === "waiting" && runbookMetadata(job.kind).restoreAfter) {
      // A job that may need restoring (e.g. an upgrade waiting for approval with the database
      // read-only) is cancelled by a worker, which runs the runbook's restore first.
      await tx.jobStep.updateMany({ where: { jobId: job.id, status: "waiting" }, data: { status: "pending" } });
      await tx.job.update({ where: { id: job.id }, data: { status: "queued", cancelRequestedAt: new Date() } });
      await enqueueInTransaction(tx, job);
      return "signalled" as const;
    }
    await tx.jobStep.updateMany({ where: { jobId: job.id, status: "waiting" }, data: { status: "failed", error: "cancelled", finishedAt: new Date() } });
    await tx.job.update({ where: { id: job.id }, data: { status: "cancelled", cancelRequestedAt: new Date(), finishedAt: new Date(), error: "cancelled" } });
    return "cancelled" as const;
  });
  const log = new LogWriter(pool(), jobId);
  log.system(outcome === "signalled" ? `■ cancel requested by ${actor.email}; stopping the running step` : `■ cancelled by ${actor.email}`);
  if (outcome === "cancelled") log.system("● job cancelled");
  await log.flush();
  await notifyJobStatus(pool(), jobId, outcome === "cancelled" ? "cancelled" : "running");
  return { outcome };
}
