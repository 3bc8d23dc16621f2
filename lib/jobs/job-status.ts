import type pg from "pg";
import { CHANNELS } from "./notifications";
import { createLogRedactor } from "./redact-log-line";

/** Errors are shown and returned like log lines, so they get the same patterns before they are stored. */
const redactError = createLogRedactor([]);

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Sets a job's status (and finish time when it ends) and tells listeners. */
export async function setJobStatus(
  db: Queryable,
  jobId: string,
  status: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled",
  error: string | null = null,
): Promise<void> {
  const ended = status === "succeeded" || status === "failed" || status === "cancelled";
  await db.query(
    `WITH changed AS (
       UPDATE job SET status = $2::"JobStatus", error = $3, finished_at = CASE WHEN $4 THEN now() ELSE NULL END,
         worker_id = CASE WHEN $2 = 'running' THEN worker_id ELSE NULL END
       WHERE id = $1 RETURNING id
     )
     SELECT pg_notify($5, id || ':' || $2) FROM changed`,
    [jobId, status, error === null ? null : redactError(error), ended, CHANNELS.status],
  );
}

export async function notifyJobStatus(db: Queryable, jobId: string, status: string): Promise<void> {
  await db.query(`SELECT pg_notify($1, $2)`, [CHANNELS.status, `${jobId}:${status}`]);
}

export async function setStepStatus(
  db: Queryable,
  jobId: string,
  key: string,
  status: "pending" | "running" | "succeeded" | "failed" | "skipped" | "waiting",
  extra: { detail?: unknown; error?: string | null } = {},
): Promise<void> {
  await db.query(
    `WITH changed AS (UPDATE job_step SET status = $3::"StepStatus",
       started_at = CASE WHEN $3 IN ('running', 'waiting') THEN COALESCE(started_at, now()) ELSE started_at END,
       finished_at = CASE WHEN $3 IN ('succeeded', 'failed', 'skipped') THEN now() ELSE NULL END,
       detail = CASE WHEN $4::jsonb IS NULL THEN detail ELSE $4::jsonb END,
       error = $5
     WHERE job_id = $1 AND key = $2 RETURNING job_id)
     SELECT pg_notify($6, job_id || ':step') FROM changed`,
    [jobId, key, status, extra.detail === undefined ? null : JSON.stringify(extra.detail), extra.error ? redactError(extra.error) : null, CHANNELS.status],
  );
}
