import pg from "pg";
import { encode } from "next-auth/jwt";
import { createJob } from "../../lib/jobs/create-job";
import { LogWriter } from "../../lib/jobs/log-writer";
import { setJobStatus } from "../../lib/jobs/job-status";
import type { Actor } from "../../lib/auth/actor";
import { printRow, sideBySide, stats } from "./measure";

/** Reads an SSE response, calling onEvent per event; resolves on `end` or stream close. */
async function readSse(res: Response, onEvent: (event: string, id: number, data: string) => void) {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    // Walk the buffer with an index; slicing after every event would copy it quadratically.
    let start = 0;
    let i: number;
    while ((i = buf.indexOf("\n\n", start)) >= 0) {
      const block = buf.slice(start, i);
      start = i + 2;
      let event = "message";
      let id = 0;
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("id: ")) id = Number(line.slice(4));
        else if (line.startsWith("data: ")) data = line.slice(6);
      }
      onEvent(event, id, data);
      if (event === "end") {
        await reader.cancel();
        return;
      }
    }
    buf = buf.slice(start);
  }
}

/**
 * Log line written by a worker → received by an SSE client over HTTP from `next start`,
 * next to a raw LISTEN/NOTIFY round trip; then throughput of one job with 50 viewers.
 */
export async function benchLogs(opts: { databaseUrl: string; port: number; secret: string; email: string; actor: Actor; iterations: number; lines: number; viewers: number }) {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 6 });
  const cookie = `next-auth.session-token=${await encode({ token: { email: opts.email, name: "bench" }, secret: opts.secret })}`;
  const base = `http://127.0.0.1:${opts.port}`;

  // Raw LISTEN/NOTIFY round trip.
  const listener = new pg.Client({ connectionString: opts.databaseUrl });
  await listener.connect();
  await listener.query("LISTEN bench_rtt");
  let notified: (() => void) | null = null;
  listener.on("notification", () => notified?.());

  // One SSE viewer on a live job.
  const job = await createJob(opts.actor, { kind: "selftest", params: {} });
  await pool.query(`UPDATE job SET status = 'running' WHERE id = $1`, [job.id]);
  const writer = new LogWriter(pool, job.id, 0);
  const arrivals = new Map<number, () => void>();
  const res = await fetch(`${base}/api/jobs/${job.id}/logs`, { headers: { cookie, accept: "text/event-stream" } });
  if (res.status !== 200) throw new Error(`SSE answered ${res.status}`);
  const reading = readSse(res, (event, id) => event === "log" && arrivals.get(id)?.());
  let seq = 0;
  const r = await sideBySide(
    {
      listenNotify: () =>
        new Promise<void>((resolve) => {
          notified = resolve;
          void pool.query(`SELECT pg_notify('bench_rtt', 'x')`);
        }),
      sse: () =>
        new Promise<void>((resolve) => {
          arrivals.set(++seq, resolve);
          writer.write("stdout", `latency probe ${seq}`);
          void writer.flush();
        }),
    },
    opts.iterations,
  );
  await setJobStatus(pool, job.id, "succeeded");
  await reading;
  await listener.end();
  console.log(`\nlog line → browser over SSE (${opts.iterations} lines, interleaved with NOTIFY round trips)`);
  printRow("raw LISTEN/NOTIFY round trip", r.listenNotify);
  printRow("LogWriter → SSE client (HTTP, next start)", r.sse, r.listenNotify);

  // Throughput: one job, N lines as fast as the writer goes, M viewers attached.
  const big = await createJob(opts.actor, { kind: "selftest", params: {} });
  await pool.query(`UPDATE job SET status = 'running' WHERE id = $1`, [big.id]);
  const counts = new Array(opts.viewers).fill(0);
  const lastIds = new Array(opts.viewers).fill(0);
  let ordered = true;
  const viewers = await Promise.all(
    counts.map(async (_, v) => {
      const res = await fetch(`${base}/api/jobs/${big.id}/logs`, { headers: { cookie } });
      // Wrapped so Promise.all waits for the connections, not for the streams to end.
      return { done: readSse(res, (event, id) => {
        if (event !== "log") return;
        if (id !== lastIds[v] + 1) ordered = false;
        lastIds[v] = id;
        counts[v]++;
      }) };
    }),
  );
  const bigWriter = new LogWriter(pool, big.id);
  const t0 = performance.now();
  for (let n = 1; n <= opts.lines; n++) {
    bigWriter.write("stdout", `throughput line ${n} ${"x".repeat(60)}`);
    if (n % 2000 === 0) await bigWriter.flush();
  }
  await bigWriter.flush();
  const writeSecs = (performance.now() - t0) / 1000;
  await setJobStatus(pool, big.id, "succeeded");
  await Promise.all(viewers.map((v) => v.done));
  const deliverSecs = (performance.now() - t0) / 1000;
  const complete = counts.every((c) => c === opts.lines) && ordered;
  console.log(`\nlog throughput, one job, ${opts.viewers} SSE viewers attached`);
  console.log(`  ${opts.lines} lines stored in ${writeSecs.toFixed(2)} s = ${Math.round(opts.lines / writeSecs)} lines/s; all delivered to every viewer in ${deliverSecs.toFixed(2)} s = ${Math.round(opts.lines / deliverSecs)} lines/s per viewer`);
  console.log(`  every viewer got every line once, in order: ${complete ? "yes" : `NO (counts ${Math.min(...counts)}..${Math.max(...counts)})`}`);
  await pool.end();
  return { latency: r, throughput: { lines: opts.lines, writeSecs, deliverSecs, complete } };
}

export { stats };
