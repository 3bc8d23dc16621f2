import { pool } from "../db/pool";

export interface LogLine {
  seq: number;
  stream: "stdout" | "stderr" | "system";
  step: string | null;
  line: string;
  at: string;
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/** Lines after `after` (exclusive), oldest first, and whether the job has ended with nothing left to read. */
export async function readJobLogs(jobId: string, after: number, limit = 2000): Promise<{ items: LogLine[]; lastSeq: number; done: boolean; status: string }> {
  const p = pool();
  const [lines, job] = await Promise.all([
    p.query<{ seq: number; stream: LogLine["stream"]; step_key: string | null; line: string; created_at: Date }>(
      `SELECT seq, stream, step_key, line, created_at FROM job_log WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [jobId, after, limit],
    ),
    p.query<{ status: string; last_seq: number }>(`SELECT status, last_seq FROM job WHERE id = $1`, [jobId]),
  ]);
  const items = lines.rows.map((r) => ({ seq: r.seq, stream: r.stream, step: r.step_key, line: r.line, at: r.created_at.toISOString() }));
  const lastSeq = items.length ? items[items.length - 1].seq : after;
  const status = job.rows[0]?.status ?? "unknown";
  const done = TERMINAL.has(status) && lastSeq >= (job.rows[0]?.last_seq ?? 0);
  return { items, lastSeq, done, status };
}
