import { pool } from "../db/pool";

/** The whole log as plain text for download: `time [stream] line`. */
export async function allJobLogText(jobId: string): Promise<string> {
  const { rows } = await pool().query<{ stream: string; line: string; created_at: Date }>(
    `SELECT stream, line, created_at FROM job_log WHERE job_id = $1 ORDER BY seq`,
    [jobId],
  );
  return rows.map((r) => `${r.created_at.toISOString()} [${r.stream}] ${r.line}\n`).join("");
}
