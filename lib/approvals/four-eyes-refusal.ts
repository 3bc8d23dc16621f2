import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { runbookMetadata } from "../runbooks/metadata";
import { fourEyesApplies, type FourEyesSetting } from "./four-eyes-setting";

interface WaitingApproval {
  job: { kind: string; createdBy: string; params: Prisma.JsonValue };
  stepKey: string;
}

/**
 * Why `actor` may not approve this step under four-eyes, or null when they may. The person
 * who started the job is its creator, or for an upgrade a wave started, the wave's creator
 * (the wave's jobs are created by the system on their behalf).
 */
export async function fourEyesRefusal(tx: Pick<Prisma.TransactionClient, "wave">, setting: FourEyesSetting, actor: Actor, { job, stepKey }: WaitingApproval): Promise<string | null> {
  const params = (job.params ?? {}) as Record<string, unknown>;
  const step = runbookMetadata(job.kind).steps(params as never).find((s) => s.key === stepKey);
  if (!step || !fourEyesApplies(setting, job.kind, step)) return null;
  const waveId = typeof params.waveId === "string" ? params.waveId : null;
  const starter = waveId ? ((await tx.wave.findUnique({ where: { id: waveId }, select: { createdBy: true } }))?.createdBy ?? job.createdBy) : job.createdBy;
  if (starter.toLowerCase() !== actor.email.toLowerCase()) return null;
  const why = setting.all || setting.kinds.includes(job.kind) ? `every approval of ${job.kind} jobs` : "destructive approval steps";
  return `four-eyes: you started this ${waveId ? "wave" : "job"}, so someone else must approve "${step.name}" (FOUR_EYES covers ${why})`;
}
