import type pg from "pg";
import { CHANNELS } from "./notifications";
import { createLogRedactor } from "./redact-log-line";

export type LogStreamName = "stdout" | "stderr" | "system";

interface Pending {
  stream: LogStreamName;
  stepKey: string | null;
  line: string;
}

const MAX_LINE = 16 * 1024;
const MAX_BATCH = 2000;
/** NOTIFY payloads must stay under 8000 bytes; larger batches are read from the table. */
const MAX_CARRIED_BYTES = 7_000;
/** Past this many lines a batch cannot fit anyway: not worth encoding to find out. */
const MAX_CARRIED_LINES = 400;

/**
 * Turns a job's output into job_log rows. Lines are redacted first, then buffered and
 * inserted in batches: each batch reserves its sequence numbers by bumping job.last_seq in
 * the same transaction, inserts with unnest(), and NOTIFYs `<jobId>:<lastSeq>` on commit,
 * so every line has a gap-free per-job sequence and viewers learn of it at once. A small
 * batch is carried in the notification too (`<jobId>:<lastSeq>:{"at":…,"lines":[[stream,
 * step, line], …]}`), so web processes need not read it back (see job-log-feed.ts).
 */
export class LogWriter {
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private redact: (line: string) => string;
  private readonly secrets: string[] = [];
  failed: unknown = null;

  constructor(
    private readonly pool: pg.Pool,
    readonly jobId: string,
    private readonly flushDelayMs = 20,
  ) {
    this.redact = createLogRedactor([]);
  }

  /** Values that must never be stored (generated passwords, keys). */
  addSecret(value: string) {
    if (!value || this.secrets.includes(value)) return;
    this.secrets.push(value);
    this.redact = createLogRedactor(this.secrets);
  }

  /** Text stored outside the log (a step's or the job's error) gets the same redaction. */
  redactText(text: string): string {
    return this.redact(text);
  }

  write(stream: LogStreamName, line: string, stepKey: string | null = null) {
    const clean = this.redact(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… [line truncated]` : line);
    this.buffer.push({ stream, stepKey, line: clean });
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
  }

  system(line: string, stepKey: string | null = null) {
    this.write("system", line, stepKey);
  }

  /** Writes everything buffered so far; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length) this.chain = this.chain.then(() => this.insert(batch)).catch((e) => {
        // Keep going (the job matters more than its log) but never silently.
        this.failed = e;
        console.error(`[log] could not store ${batch.length} line(s) of job ${this.jobId}: ${(e as Error).message}`);
      });
    return this.chain;
  }

  /**
   * One statement, so one round trip and one implicit transaction: reserve the sequence
   * numbers, insert the lines, and queue the NOTIFY (delivered when it commits).
   */
  private async insert(batch: Pending[]) {
    // Small batches ride along in the notification, sparing each web process a read.
    const carried = batch.length <= MAX_CARRIED_LINES ? JSON.stringify(batch.map((b) => [b.stream, b.stepKey, b.line])) : null;
    await this.pool.query(
      `WITH reserved AS (
         UPDATE job SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq
       ), inserted AS (
         INSERT INTO job_log (job_id, seq, stream, step_key, line)
         SELECT $1, reserved.last_seq - $2 + ord, s::"LogStream", k, l
         FROM reserved, unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(s, k, l, ord)
       )
       SELECT pg_notify($6, $1 || ':' || reserved.last_seq || CASE WHEN $7::text IS NULL THEN '' ELSE ':' || json_build_object('at', now()::timestamptz(3), 'lines', $7::json)::text END)
       FROM reserved`,
      [
        this.jobId,
        batch.length,
        batch.map((b) => b.stream),
        batch.map((b) => b.stepKey),
        batch.map((b) => b.line),
        CHANNELS.log,
        carried && Buffer.byteLength(carried) <= MAX_CARRIED_BYTES ? carried : null,
      ],
    );
  }
}
