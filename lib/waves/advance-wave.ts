import { db } from "../db/client";
import { SYSTEM_ACTOR } from "../auth/actor";
import { createJobInTransaction } from "../jobs/create-job";
import { versionOrder } from "../instances/versions";
import { ACTIVE_JOB } from "./create-wave";
import { inWindow } from "./wave-schema";

export type WaveTick = "continue" | "stop";

/**
 * One look at a wave: records the outcome of its running upgrades, pauses it when one
 * failed, and once the whole batch is done starts the next (inside the window). Safe to
 * run any number of times; all state lives in the wave tables and the jobs.
 */
export async function advanceWave(waveId: string, log: (line: string) => void = () => {}, now = new Date()): Promise<WaveTick> {
  return db.$transaction(async (tx) => {
    const [wave] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM wave WHERE id = ${waveId}::uuid FOR UPDATE`;
    if (!wave) return "stop";
    const w = await tx.wave.findUniqueOrThrow({ where: { id: waveId }, include: { instances: { orderBy: { position: "asc" } } } });
    if (w.status !== "running") return "stop";

    const running = w.instances.filter((i) => i.state === "running");
    const jobs = await tx.job.findMany({ where: { id: { in: running.map((i) => i.jobId!).filter(Boolean) } }, select: { id: true, status: true, error: true, finishedAt: true } });
    const failed: string[] = [];
    for (const wi of running) {
      const job = jobs.find((j) => j.id === wi.jobId);
      if (!job || !["succeeded", "failed", "cancelled"].includes(job.status)) continue;
      const ok = job.status === "succeeded";
      await tx.waveInstance.update({ where: { id: wi.id }, data: { state: ok ? "succeeded" : "failed", error: ok ? null : job.error ?? job.status, finishedAt: job.finishedAt ?? now } });
      wi.state = ok ? "succeeded" : "failed";
      log(`${wi.slug}: upgrade ${job.status}`);
      if (!ok) failed.push(`${wi.slug} (${job.error ?? job.status})`);
    }
    if (failed.length) {
      const reason = `paused itself: the upgrade of ${failed.join(", ")} failed`;
      await tx.wave.update({ where: { id: waveId }, data: { status: "paused", pausedReason: reason } });
      log(reason);
      return "stop";
    }
    if (w.instances.some((i) => i.state === "running")) return "continue";
    const pending = w.instances.filter((i) => i.state === "pending");
    if (!pending.length) {
      await tx.wave.update({ where: { id: waveId }, data: { status: "completed", finishedAt: now } });
      log("wave completed");
      return "stop";
    }
    if (!inWindow({ start: w.windowStart, end: w.windowEnd }, now)) return "continue";

    const batch = pending.filter((i) => i.batch === pending[0].batch);
    // Not `now`: that was read before this transaction waited for the wave's lock, and the
    // last job of the previous batch may have finished meanwhile (its finishedAt is later).
    const startedAt = new Date(Math.max(Date.now(), now.getTime()));
    const current = await tx.instance.findMany({ where: { id: { in: batch.map((i) => i.instanceId) } }, select: { id: true, version: true, versionOrder: true, status: true } });
    const busy = new Set(
      (await tx.job.findMany({ where: { instanceId: { in: batch.map((i) => i.instanceId) }, status: { in: [...ACTIVE_JOB] } }, select: { instanceId: true } })).map((j) => j.instanceId),
    );
    for (const wi of batch) {
      const inst = current.find((c) => c.id === wi.instanceId);
      if (!inst || inst.status === "deleted" || inst.versionOrder >= versionOrder(w.targetVersion)) {
        await tx.waveInstance.update({ where: { id: wi.id }, data: { state: "skipped", error: inst ? `already on ${inst.version}` : "instance gone", finishedAt: now } });
        log(`${wi.slug}: skipped`);
        continue;
      }
      // Never two jobs on one instance: wait for whatever runs there to end.
      if (busy.has(wi.instanceId)) {
        log(`${wi.slug}: another job is active on it; waiting`);
        continue;
      }
      const job = await createJobInTransaction(tx, SYSTEM_ACTOR, { kind: "upgrade", instanceSlug: wi.slug, params: { version: w.targetVersion, strategy: w.strategy, waveId, approvalPolicy: w.approvalPolicy } });
      await tx.waveInstance.update({ where: { id: wi.id }, data: { state: "running", jobId: job.id, startedAt } });
      log(`${wi.slug}: upgrade started (job ${job.id})`);
    }
    return "continue";
  }, { timeout: 30_000 });
}
