import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { makeActor } from "../testing/factories";
import { createJob } from "./create-job";
import { jobLogEventStream } from "./job-log-event-stream";
import { LogWriter } from "./log-writer";
import { setJobStatus } from "./job-status";
import { notifications } from "./notifications";

afterAll(async () => {
  await notifications().close();
  await pool().end();
});

interface Event {
  id?: number;
  event: string;
  data: string;
}

/** Reads SSE events until `stopAfter` log events (or the end event), then aborts. */
async function readEvents(jobId: string, after: number, stopAfter = Infinity): Promise<Event[]> {
  const abort = new AbortController();
  const reader = jobLogEventStream(jobId, after, abort.signal).getReader();
  const decoder = new TextDecoder();
  const events: Event[] = [];
  let buffer = "";
  let logs = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let i: number;
    while ((i = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const ev: Event = { event: "message", data: "" };
      for (const line of block.split("\n")) {
        if (line.startsWith("id: ")) ev.id = Number(line.slice(4));
        else if (line.startsWith("event: ")) ev.event = line.slice(7);
        else if (line.startsWith("data: ")) ev.data += line.slice(6);
      }
      if (ev.event === "log" || ev.event === "end") events.push(ev);
      if (ev.event === "log" && ++logs >= stopAfter) {
        abort.abort();
        await reader.cancel();
        return events;
      }
    }
  }
  return events;
}

describe("job log over SSE", () => {
  it("streams live lines, and a reconnect with Last-Event-ID misses and repeats nothing", async () => {
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "selftest", params: {} });
    await db.job.update({ where: { id: job.id }, data: { status: "running" } });
    const writer = new LogWriter(pool(), job.id);
    const TOTAL = 5000;
    // Write while the first reader is attached, in bursts.
    const writing = (async () => {
      for (let n = 1; n <= TOTAL; n++) {
        writer.write(n % 2 ? "stdout" : "stderr", `line ${n}`);
        if (n % 500 === 0) await writer.flush();
      }
      await writer.flush();
      await setJobStatus(pool(), job.id, "succeeded");
    })();
    const first = await readEvents(job.id, 0, 1234);
    const lastSeen = first[first.length - 1].id!;
    await writing;
    const second = await readEvents(job.id, lastSeen);
    const ids = [...first, ...second].filter((e) => e.event === "log").map((e) => e.id);
    expect(ids).toHaveLength(TOTAL);
    expect(ids).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    const lines = [...first, ...second].filter((e) => e.event === "log").map((e) => JSON.parse(e.data).line);
    expect(lines[TOTAL - 1]).toBe(`line ${TOTAL}`);
    expect(second[second.length - 1].event).toBe("end");
    expect(JSON.parse(second[second.length - 1].data).status).toBe("succeeded");
  });

  it("delivers small batches from the notification itself, byte for byte what the table holds", async () => {
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "selftest", params: {} });
    await db.job.update({ where: { id: job.id }, data: { status: "running" } });
    const writer = new LogWriter(pool(), job.id);
    const TOTAL = 300;
    const writing = (async () => {
      // One or two lines per batch: every batch is small enough to ride in its NOTIFY.
      for (let n = 1; n <= TOTAL; n++) {
        writer.write(n % 3 ? "stdout" : "system", `step output ${n}: "quoted" \\ ünïcode ✓`, n % 2 ? "plan" : null);
        if (n % 2 === 0) await writer.flush();
      }
      await writer.flush();
      await setJobStatus(pool(), job.id, "succeeded");
    })();
    const live = await readEvents(job.id, 0);
    await writing;
    const logs = live.filter((e) => e.event === "log").map((e) => JSON.parse(e.data));
    expect(logs.map((l) => l.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    const stored = await readEvents(job.id, 0);
    expect(logs).toEqual(stored.filter((e) => e.event === "log").map((e) => JSON.parse(e.data)));
  });

  it("redacts secrets before they are stored", async () => {
    const operator = await makeActor("operator");
    const job = await createJob(operator, { kind: "selftest", params: {} });
    const writer = new LogWriter(pool(), job.id);
    writer.addSecret("s3cr3t-Admin-Pa55word!");
    writer.write("stdout", "created admin with password s3cr3t-Admin-Pa55word! ok");
    writer.write("stderr", '{"private_key": "-----BEGIN PRIVATE KEY-----\\nABC\\n-----END PRIVATE KEY-----"}');
    await writer.flush();
    const rows = await db.jobLog.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    const all = rows.map((r) => r.line).join("\n");
    expect(all).not.toContain("s3cr3t-Admin-Pa55word!");
    expect(all).not.toContain("ABC");
    expect(rows[0].line).toBe("created admin with password [REDACTED] ok");
  });
});
