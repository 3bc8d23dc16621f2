import { CHANNELS, notifications } from "./notifications";
import { readJobLogs } from "./read-job-logs";

const HEARTBEAT_MS = 15_000;
const BACKSTOP_POLL_MS = 2_000;

/**
 * A job's log as Server-Sent Events: `id:` is the line's sequence number, so a browser
 * that reconnects sends Last-Event-ID and continues exactly after the last line it saw.
 * New lines arrive by LISTEN/NOTIFY (one shared connection per process), with a slow
 * poll as a backstop; a comment line every 15 s keeps proxies from closing the stream.
 * The stream sends `event: end` and closes once the job has ended and every line is out.
 */
export function jobLogEventStream(jobId: string, after: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const n = notifications();
  let cursor = after;
  let closed = false;
  let pumping = false;
  let again = false;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const pump = async () => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          do {
            again = false;
            for (;;) {
              const page = await readJobLogs(jobId, cursor);
              for (const l of page.items) send(`id: ${l.seq}\nevent: log\ndata: ${JSON.stringify(l)}\n\n`);
              cursor = page.lastSeq;
              if (page.done) {
                send(`event: end\ndata: ${JSON.stringify({ status: page.status, lastSeq: cursor })}\n\n`);
                return close();
              }
              if (page.items.length < 2000) break;
            }
          } while (again && !closed);
        } catch (e) {
          send(`event: error\ndata: ${JSON.stringify({ message: "log read failed; reconnecting" })}\n\n`);
          console.error("[sse] log read failed:", (e as Error).message);
          close();
        } finally {
          pumping = false;
        }
      };
      const onLog = (payload: string) => {
        const [id, seq] = payload.split(":");
        if (id === jobId && Number(seq) > cursor) void pump();
      };
      const onStatus = (payload: string) => payload.startsWith(`${jobId}:`) && void pump();
      const onReconnect = () => void pump();
      n.on(CHANNELS.log, onLog);
      n.on(CHANNELS.status, onStatus);
      n.on("reconnect", onReconnect);
      const heartbeat = setInterval(() => send(`: keepalive\n\n`), HEARTBEAT_MS);
      const backstop = setInterval(() => void pump(), BACKSTOP_POLL_MS);
      const onAbort = () => close();
      signal.addEventListener("abort", onAbort);
      cleanup = () => {
        n.off(CHANNELS.log, onLog);
        n.off(CHANNELS.status, onStatus);
        n.off("reconnect", onReconnect);
        clearInterval(heartbeat);
        clearInterval(backstop);
        signal.removeEventListener("abort", onAbort);
      };
      send(`retry: 1000\n: stream of job ${jobId} after ${after}\n\n`);
      await n.ready();
      await pump();
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
