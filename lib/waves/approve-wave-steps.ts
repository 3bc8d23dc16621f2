import { z } from "zod";
import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { AppError, notFound } from "../errors/app-error";
import { resolveWaitingStep } from "../jobs/control/resolve-waiting-step";

/** The approvals a wave's upgrades wait on that may be given in bulk. */
export const BULK_APPROVABLE_STEPS = ["approve-switch", "approve-destroy", "approve-plan", "approve-clear-leftover"] as const;
export type BulkApprovableStep = (typeof BULK_APPROVABLE_STEPS)[number];

/** `POST /api/waves/{id}/approvals`: which step, and optionally only the jobs the caller saw waiting on it. */
export const approveWaveStepsBodySchema = z
  .object({
    stepKey: z.enum(BULK_APPROVABLE_STEPS, { error: `must be one of ${BULK_APPROVABLE_STEPS.join(", ")}` }),
    jobIds: z.array(z.string().uuid("must be job ids (UUIDs)")).min(1).max(5_000).optional(),
  })
  .strict();

export type ApproveWaveStepsBody = z.infer<typeof approveWaveStepsBodySchema>;

export interface WaveApprovals {
  approved: string[];
  /** Jobs not approved, with why and the status a single approval would have answered (409: it moved on). */
  skipped: { jobId: string; reason: string; status: number }[];
}

/**
 * Approves `stepKey` on every upgrade of the wave that waits on it (or only on the listed
 * jobs), one job at a time through the same function as a single approval: each is its own
 * transaction and audit event naming its instance, and a job that has moved on is skipped
 * with that approval's 409 rather than approved at another step.
 */
export async function approveWaveSteps(actor: Actor, waveId: string, body: ApproveWaveStepsBody): Promise<WaveApprovals> {
  if (!z.string().uuid().safeParse(waveId).success) throw notFound("wave");
  const wave = await db.wave.findUnique({ where: { id: waveId }, select: { instances: { orderBy: { position: "asc" }, select: { slug: true, jobId: true } } } });
  if (!wave) throw notFound("wave");
  const slugOf = new Map(wave.instances.flatMap((i) => (i.jobId ? [[i.jobId, i.slug] as const] : [])));
  const result: WaveApprovals = { approved: [], skipped: [] };

  let candidates: string[];
  if (body.jobIds) {
    candidates = [];
    for (const jobId of new Set(body.jobIds)) {
      if (slugOf.has(jobId)) candidates.push(jobId);
      else result.skipped.push({ jobId, reason: "not an upgrade of this wave", status: 404 });
    }
  } else {
    const waiting = await db.jobStep.findMany({
      where: { jobId: { in: [...slugOf.keys()] }, key: body.stepKey, status: "waiting", job: { status: "waiting" } },
      select: { jobId: true },
    });
    const ids = new Set(waiting.map((s) => s.jobId));
    candidates = [...slugOf.keys()].filter((id) => ids.has(id));
  }

  for (const jobId of candidates) {
    try {
      await resolveWaitingStep(actor, jobId, { kind: "approval", stepKey: body.stepKey });
      result.approved.push(jobId);
    } catch (e) {
      if (!(e instanceof AppError)) console.error(`[waves] approving ${body.stepKey} of job ${jobId}:`, e instanceof Error ? e.message : e);
      const reason = e instanceof AppError ? e.message : "something went wrong; the server log has details";
      result.skipped.push({ jobId, reason: `${slugOf.get(jobId)}: ${reason}`, status: e instanceof AppError ? e.status : 500 });
    }
  }
  return result;
}
