import { pool } from "../db/pool";
import { CHANNELS, notifications } from "./notifications";
import { readJobLogs, type LogLine } from "./read-job-logs";

const encoder = new TextEncoder();

/** One SSE-encoded log line, kept with its sequence number. */
export interface EncodedLine {
  seq: number;
  bytes: Uint8Array;
}

export interface FeedSubscriber {
  /** New lines in order (the feed's cursor only moves forward). */
  onLines(lines: EncodedLine[]): void;
  onEnd(status: string, lastSeq: number): void;
}

/**
 * One reader per job per web process, however many browsers follow that job: when a
 * NOTIFY says new lines were committed, the feed reads them once, encodes each line as an
 * SSE event once, and hands the same bytes to every subscriber. Fifty viewers cost one
 * query, not fifty.
 */
class JobLogFeed {
  cursor: number;
  private readonly subscribers = new Set<FeedSubscriber>();
  private pumping = false;
  private again = false;

  constructor(
    readonly jobId: string,
    start: number,
    private readonly onIdle: () => void,
  ) {
    this.cursor = start;
  }

  add(s: FeedSubscriber) {
    this.subscribers.add(s);
  }

  remove(s: FeedSubscriber) {
    this.subscribers.delete(s);
    if (this.subscribers.size === 0) this.onIdle();
  }

  /**
   * Delivers lines that came with their notification, if they follow the cursor and no read
   * is under way (that read, or the one after it, picks them up instead). Says whether it did.
   */
  take(lines: LogLine[]): boolean {
    if (this.pumping || !lines.length || lines[0].seq !== this.cursor + 1) return false;
    this.deliver(lines);
    return true;
  }

  private deliver(items: LogLine[]) {
    const lines = items.map((l) => ({ seq: l.seq, bytes: encoder.encode(`id: ${l.seq}\nevent: log\ndata: ${JSON.stringify(l)}\n\n`) }));
    this.cursor = items[items.length - 1].seq;
    for (const s of this.subscribers) s.onLines(lines);
  }

  async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const page = await readJobLogs(this.jobId, this.cursor);
          if (page.items.length) this.deliver(page.items);
          if (page.done) {
            for (const s of [...this.subscribers]) s.onEnd(page.status, this.cursor);
            return;
          }
          if (page.items.length < 2000) break;
        }
      } while (this.again);
    } finally {
      this.pumping = false;
    }
  }
}

const feeds = new Map<string, JobLogFeed>();
let wired = false;

function wire() {
  if (wired) return;
  wired = true;
  const n = notifications();
  n.on(CHANNELS.log, (payload: string) => {
    const note = parseLogNotification(payload);
    const feed = note && feeds.get(note.jobId);
    if (!feed || note.lastSeq <= feed.cursor) return;
    if (!note.lines || !feed.take(note.lines)) void feed.pump().catch(logError);
  });
  n.on(CHANNELS.status, (payload: string) => void feeds.get(payload.split(":")[0])?.pump().catch(logError));
  n.on("reconnect", () => feeds.forEach((f) => void f.pump().catch(logError)));
  // A backstop in case a notification was missed.
  setInterval(() => feeds.forEach((f) => void f.pump().catch(logError)), 2_000).unref();
}

/**
 * `<jobId>:<lastSeq>`, optionally followed by `:{"at":…,"lines":[[stream, step, line], …]}`
 * (see log-writer.ts). Lines carried along get their sequence numbers counted back from lastSeq.
 */
export function parseLogNotification(payload: string): { jobId: string; lastSeq: number; lines: LogLine[] | null } | null {
  const first = payload.indexOf(":");
  if (first < 0) return null;
  const second = payload.indexOf(":", first + 1);
  const lastSeq = Number(second < 0 ? payload.slice(first + 1) : payload.slice(first + 1, second));
  if (!Number.isInteger(lastSeq)) return null;
  const jobId = payload.slice(0, first);
  if (second < 0) return { jobId, lastSeq, lines: null };
  try {
    const carried = JSON.parse(payload.slice(second + 1)) as { at: string; lines: [LogLine["stream"], string | null, string][] };
    const at = new Date(carried.at).toISOString();
    const start = lastSeq - carried.lines.length + 1;
    return { jobId, lastSeq, lines: carried.lines.map(([stream, step, line], i) => ({ seq: start + i, stream, step, line, at })) };
  } catch {
    return { jobId, lastSeq, lines: null };
  }
}

function logError(e: unknown) {
  console.error("[sse] log feed read failed:", (e as Error).message);
}

/** The shared feed of a job, created at the job's current end of log. */
export async function joinFeed(jobId: string): Promise<JobLogFeed> {
  wire();
  await notifications().ready();
  let feed = feeds.get(jobId);
  if (!feed) {
    const { rows } = await pool().query<{ last_seq: number }>(`SELECT last_seq FROM job WHERE id = $1`, [jobId]);
    feed = feeds.get(jobId) ?? new JobLogFeed(jobId, rows[0]?.last_seq ?? 0, () => feeds.delete(jobId));
    feeds.set(jobId, feed);
  }
  return feed;
}
