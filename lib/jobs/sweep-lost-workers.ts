import type pg from "pg";
import type { WorkerUtils } from "graphile-worker";
import { db } from "../db/client";
import { heartbeatStaleMs } from "./heartbeat";
import { LogWriter } from "./log-writer";
import { enqueueInTransaction } from "./queue";

/**
 * Finds running jobs whose worker stopped sending heartbeats (killed, machine gone, or
 * shut down mid-job), releases them so another worker resumes them at the interrupted
 * step, and unlocks their queue entries (graphile-worker would otherwise keep them locked
 * for 4 hours). Every worker runs this; the UPDATE makes each job taken over once. A worker
 * never sweeps its own jobs (`self`): it is alive, merely slow to beat under load, and taking
 * its own job over would run the interrupted step twice at once.
 */
export async function sweepLostWorkers(p: pg.Pool, utils: WorkerUtils, log: (m: string) => void = () => {}, self: string | null = null): Promise<number> {
  const staleSeconds = heartbeatStaleMs() / 1000;
  const { rows } = await p.query<{ id: string; instance_id: string | null; lost_worker: string; queue_worker_id: string | null }>(
    `UPDATE job j SET worker_id = NULL
     FROM (SELECT id, worker_id AS lost_worker FROM job WHERE status = 'running' AND worker_id IS NOT NULL AND worker_id IS DISTINCT FROM $2::text FOR UPDATE SKIP LOCKED) lost
     WHERE j.id = lost.id
       AND NOT EXISTS (SELECT 1 FROM worker_heartbeat h WHERE h.id = lost.lost_worker AND h.last_seen_at > now() - make_interval(secs => $1))
     RETURNING j.id, j.instance_id, lost.lost_worker, j.queue_worker_id`,
    [staleSeconds, self],
  );
  const queueWorkers = [...new Set(rows.map((r) => r.queue_worker_id).filter((x): x is string => !!x))];
  if (queueWorkers.length) await utils.forceUnlockWorkers(queueWorkers);
  for (const r of rows) {
    const w = new LogWriter(p, r.id);
    w.system(`⚠ worker ${r.lost_worker} was lost (no heartbeat for ${staleSeconds} s); the job will resume on another worker at the interrupted step`);
    await w.flush();
    await db.$transaction((tx) => enqueueInTransaction(tx, { id: r.id, instanceId: r.instance_id }));
    log(`took over job ${r.id} from lost worker ${r.lost_worker}`);
  }
  await p.query(`DELETE FROM worker_heartbeat WHERE last_seen_at < now() - interval '1 hour'`);
  return rows.length;
}
