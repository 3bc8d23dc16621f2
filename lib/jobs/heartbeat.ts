import { config } from "../config/load-config";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type pg from "pg";

/** A worker silent for this long is considered lost and its jobs are taken over. */
export const heartbeatStaleMs = (): number => config().HEARTBEAT_STALE_MS;
/** Several beats per stale period, so one slow beat never looks like a lost worker. */
export const heartbeatIntervalMs = (): number => Math.min(5_000, Math.floor(heartbeatStaleMs() / 4));

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
