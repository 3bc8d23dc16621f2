import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type pg from "pg";

/** A worker silent for this long is considered lost and its jobs are taken over. */
export const HEARTBEAT_STALE_MS = Number(process.env.HEARTBEAT_STALE_MS ?? 20_000);
/** Several beats per stale period, so one slow beat never looks like a lost worker. */
export const HEARTBEAT_INTERVAL_MS = Math.min(5_000, Math.floor(HEARTBEAT_STALE_MS / 4));

export function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export async function beat(p: pg.Pool, workerId: string): Promise<void> {
  await p.query(
    `INSERT INTO worker_heartbeat (id, hostname, pid) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET last_seen_at = now()`,
    [workerId, hostname(), process.pid],
  );
}

export async function removeHeartbeat(p: pg.Pool, workerId: string): Promise<void> {
  await p.query(`DELETE FROM worker_heartbeat WHERE id = $1`, [workerId]);
}
