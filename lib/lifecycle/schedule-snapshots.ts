import { config } from "../config/load-config";
import { SYSTEM_ACTOR } from "../auth/actor";
import { db } from "../db/client";
import { createJobInTransaction } from "../jobs/create-job";

/** Any number took the lock: one worker schedules at a time. */
const SCHEDULE_LOCK = 0x5a4e_5053;
/** Jobs started per look: a fleet that fell due at once (a first start) is spread over the looks, not queued in one burst. */
const perLook = () => config().BACKUP_SCHEDULE_BATCH;

/**
 * Starts a scheduled `snapshot` job for every active instance whose last snapshot job (or, if
 * none, its creation) is older than its policy's interval (the instance's override, else the
 * fleet's) and that has no job in progress.
 * One worker schedules at a time (an advisory lock); the jobs themselves queue per instance.
 */
export async function scheduleDueSnapshots(now = new Date()): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SCHEDULE_LOCK}) AS locked`;
    if (!locked) return [];
    const due = await tx.$queryRaw<{ slug: string }[]>`
      SELECT i.slug FROM instance i
      LEFT JOIN instance_backup_policy o ON o.instance_id = i.id
      CROSS JOIN (SELECT COALESCE((SELECT every_days FROM fleet_backup_policy WHERE id = 1), 7) AS every_days) f
      WHERE i.status = 'active'
        AND GREATEST(i.created_at, (SELECT max(j.created_at) FROM job j WHERE j.instance_id = i.id AND j.kind = 'snapshot' AND j.status <> 'failed'))
            < ${now}::timestamptz - make_interval(days => COALESCE(o.every_days, f.every_days))
        AND NOT EXISTS (SELECT 1 FROM job j WHERE j.instance_id = i.id AND j.status IN ('queued', 'running', 'waiting'))
      ORDER BY i.slug LIMIT ${perLook()}`;
    for (const { slug } of due) await createJobInTransaction(tx, SYSTEM_ACTOR, { kind: "snapshot", instanceSlug: slug, params: { reason: "scheduled" } });
    return due.map((d) => d.slug);
  }, { timeout: 60_000 });
}

/** Every worker looks every 15 minutes (BACKUP_SCHEDULE_POLL_MS); BACKUP_SCHEDULE=0 turns it off. */
export function startSnapshotSchedule(log: (line: string) => void): { stop(): void } {
  if (!config().BACKUP_SCHEDULE) return { stop() {} };
  const tick = () =>
    scheduleDueSnapshots()
      .then((slugs) => slugs.length && log(`scheduled snapshots of ${slugs.length} instance(s): ${slugs.slice(0, 10).join(", ")}${slugs.length > 10 ? ", …" : ""}`))
      .catch((e: Error) => log(`snapshot schedule failed: ${e.message}`));
  const timer = setInterval(tick, config().BACKUP_SCHEDULE_POLL_MS);
  void tick();
  return { stop: () => clearInterval(timer) };
}
