import type pg from "pg";
import type { WorkerUtils } from "graphile-worker";
import { heartbeatStaleMs } from "../jobs/heartbeat";
import { DELIVER_TASK } from "./deliver-notification";

/**
 * Deliveries a lost worker was sending (killed mid-request): back to pending, and their
 * queue entries unlocked (graphile-worker would keep them locked for 4 hours), so another
 * worker sends them. The receiver may then get one twice: the delivery id header lets it
 * drop the repeat.
 */
export async function sweepLostDeliveries(p: pg.Pool, utils: Pick<WorkerUtils, "forceUnlockWorkers">, self: string | null = null): Promise<number> {
  const { rows } = await p.query<{ id: string; queue_worker_id: string | null }>(
    `UPDATE notification_delivery d SET status = 'pending', worker_id = NULL
     FROM (SELECT id, worker_id AS lost FROM notification_delivery WHERE status = 'sending' AND worker_id IS DISTINCT FROM $2::text FOR UPDATE SKIP LOCKED) s
     WHERE d.id = s.id
       AND NOT EXISTS (SELECT 1 FROM worker_heartbeat h WHERE h.id = s.lost AND h.last_seen_at > now() - make_interval(secs => $1))
     RETURNING d.id, d.queue_worker_id`,
    [heartbeatStaleMs() / 1000, self],
  );
  const lost = [...new Set(rows.map((r) => r.queue_worker_id).filter((x): x is string => !!x))];
  if (lost.length) await utils.forceUnlockWorkers(lost);
  // Back on the queue too, in case its entry is gone (job_key: replaces the unlocked one).
  for (const r of rows) await p.query(`SELECT graphile_worker.add_job($1::text, json_build_object('deliveryId', $2::text), max_attempts := 10, job_key := $2::text)`, [DELIVER_TASK, r.id]);
  return rows.length;
}
