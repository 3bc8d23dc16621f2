import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError, notFound } from "../errors/app-error";
import { createJobInTransaction } from "../jobs/create-job";

export type WaveAction = "pause" | "resume" | "abort";

const ALLOWED: Record<WaveAction, string[]> = { pause: ["running"], resume: ["paused"], abort: ["running", "paused"] };

/**
 * Pause (no new batch starts; running upgrades finish), resume (a new driver job picks up
 * where it stopped; failed instances stay failed) or abort (pending instances are skipped).
 */
export async function controlWave(actor: Actor, waveId: string, action: WaveAction) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM wave WHERE id = ${waveId}::uuid FOR UPDATE`;
    if (!row) throw notFound("wave");
    if (!ALLOWED[action].includes(row.status)) throw new AppError("conflict", `cannot ${action} a wave that is ${row.status}`);
    if (action === "pause") await tx.wave.update({ where: { id: waveId }, data: { status: "paused", pausedReason: `paused by ${actor.email}` } });
    if (action === "abort") {
      await tx.waveInstance.updateMany({ where: { waveId, state: "pending" }, data: { state: "skipped", error: "wave aborted" } });
      await tx.wave.update({ where: { id: waveId }, data: { status: "aborted", finishedAt: new Date() } });
    }
    if (action === "resume") {
      await tx.wave.update({ where: { id: waveId }, data: { status: "running", pausedReason: null } });
      const driver = await createJobInTransaction(tx, actor, { kind: "wave", params: { waveId } });
      await tx.wave.update({ where: { id: waveId }, data: { driverJobId: driver.id } });
    }
    await recordAudit(tx, actor, { action: `wave.${action}`, targetType: "wave", targetId: waveId });
    return { id: waveId, action };
  }, { timeout: 30_000 });
}
