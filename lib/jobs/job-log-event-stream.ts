import { joinFeed, type EncodedLine, type FeedSubscriber } from "./job-log-feed";
import { readJobLogs } from "./read-job-logs";

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

/**
 * A job's log as Server-Sent Events: `id:` is the line's sequence number, so a browser
 * that reconnects sends Last-Event-ID and continues exactly after the last line it saw.
 * A new viewer first reads the history after its cursor from the database, then follows
 * the job's shared live feed (lines it already has are skipped by sequence number). A
 * comment line every 15 s keeps proxies from closing the stream; `event: end` closes it
 * once the job has ended and every line is out.
 */
export function jobLogEventStream(jobId: string, after: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let cursor = after;
      let caughtUp = false;
      const held: EncodedLine[][] = [];
      const send = (bytes: Uint8Array) => !closed && controller.enqueue(bytes);
      const sendLines = (lines: EncodedLine[]) => {
        const fresh = lines[0]?.seq > cursor ? lines : lines.filter((l) => l.seq > cursor);
        if (!fresh.length) return;
        // One chunk per batch (shared by every viewer when nothing was skipped).
        send(fresh === lines ? batchBytes(lines) : concat(fresh.map((l) => l.bytes)));
        cursor = fresh[fresh.length - 1].seq;
      };
      const end = (status: string, lastSeq: number) => {
        send(encoder.encode(`event: end\ndata: ${JSON.stringify({ status, lastSeq })}\n\n`));
        close();
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* the client went away first */
        }
      };
      const subscriber: FeedSubscriber = {
        onLines: (lines) => (caughtUp ? sendLines(lines) : held.push(lines)),
        onEnd: (status, lastSeq) => {
          if (caughtUp) end(status, lastSeq);
          else held.push([]); // the catch-up below sees the end itself
        },
      };
      send(encoder.encode(`retry: 1000\n: job ${jobId} after ${after}\n\n`));
      const feed = await joinFeed(jobId);
      feed.add(subscriber);
      const heartbeat = setInterval(() => send(encoder.encode(`: keepalive\n\n`)), HEARTBEAT_MS);
      const onAbort = () => close();
      signal.addEventListener("abort", onAbort);
      cleanup = () => {
        clearInterval(heartbeat);
        signal.removeEventListener("abort", onAbort);
        feed.remove(subscriber);
      };
      try {
        // Catch up from the database to (at least) where the shared feed is.
        for (;;) {
          const page = await readJobLogs(jobId, cursor);
          if (page.items.length) send(encoder.encode(page.items.map((l) => `id: ${l.seq}\nevent: log\ndata: ${JSON.stringify(l)}\n\n`).join("")));
          cursor = page.lastSeq;
          if (page.done) return end(page.status, cursor);
          if (page.items.length < 2000 && cursor >= feed.cursor) break;
        }
        caughtUp = true;
        for (const lines of held.splice(0)) sendLines(lines);
        void feed.pump();
      } catch (e) {
        console.error("[sse] log read failed:", (e as Error).message);
        close();
      }
    },
    cancel() {
      cleanup();
    },
  });
}

const batches = new WeakMap<EncodedLine[], Uint8Array>();
function batchBytes(lines: EncodedLine[]): Uint8Array {
  let b = batches.get(lines);
  if (!b) {
    b = concat(lines.map((l) => l.bytes));
    batches.set(lines, b);
  }
  return b;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
