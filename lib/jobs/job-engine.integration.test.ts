import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { makeActor, makeInstance } from "../testing/factories";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker";
import { createJob } from "./create-job";
import { cancelJob } from "./control/cancel-job";
import { retryJob } from "./control/retry-job";
import { resolveWaitingStep } from "./control/resolve-waiting-step";
import type { Actor } from "../auth/actor";
import * as approveRoute from "../../app/api/jobs/[id]/approve/route";
import { callRoute, tokenFor } from "../testing/api-client";

let worker: SpawnedWorker;
let operator: Actor;
let operatorToken: string;

const statusOf = async (id: string) => (await db.job.findUniqueOrThrow({ where: { id } })).status;
const untilStatus = (id: string, status: string, ms = 90_000) =>
  waitFor(async () => (await statusOf(id)) === status, ms, `job ${id} to be ${status}`);
const logText = async (id: string) => (await db.jobLog.findMany({ where: { jobId: id }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");

beforeAll(async () => {
  operator = await makeActor("operator");
  operatorToken = await tokenFor("operator");
  worker = spawnWorker();
});
afterAll(async () => {
  await worker.stop();
  await pool().end();
});

describe("job engine (real worker process)", () => {
  it("runs a job's steps in order and records each", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { lines: 5 } });
    await untilStatus(job.id, "succeeded");
    const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ["print", "succeeded"],
      ["sleep", "succeeded"],
      ["approve", "skipped"],
      ["human", "skipped"],
      ["finish", "succeeded"],
    ]);
    const log = await logText(job.id);
    expect(log).toContain("line 5 of 5");
    expect(log).toContain("job succeeded");
    const audit = await db.auditEvent.findFirst({ where: { targetId: job.id, action: "job.create" } });
    expect(audit?.actorEmail).toBe(operator.email);
  });

  it("waits for approval, survives it, and records who approved", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { approval: true, human: true } });
    await untilStatus(job.id, "waiting");
    await expect(resolveWaitingStep(operator, job.id, { kind: "human", stepKey: "human" })).rejects.toThrow(/not waiting on this step|approval/);
    const approveAs = (step: string) => callRoute(approveRoute.POST, { url: `/api/jobs/${job.id}/approve`, method: "POST", token: operatorToken, params: { id: job.id }, body: { step } });
    expect((await approveAs("approve")).status).toBe(202);
    await untilStatus(job.id, "waiting");
    const approve = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "approve" } });
    expect(approve.completedBy).toMatch(/^operator-/);
    // A page still showing that approval cannot approve again: the job now waits on something else.
    const stale = await approveAs("approve");
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain("not waiting on this step");
    await resolveWaitingStep(operator, job.id, { kind: "human", stepKey: "human" });
    await untilStatus(job.id, "succeeded");
    const human = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "human" } });
    expect(human.completedBy).toBe(operator.email);
  });

  it("cancel reaches the running child process (SIGINT) and ends the job cancelled", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { sleepSeconds: 60 } });
    await waitFor(async () => (await logText(job.id)).includes("sleeping 60s"), 60_000, "child to start");
    const started = Date.now();
    await cancelJob(operator, job.id);
    await untilStatus(job.id, "cancelled", 30_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    const log = await logText(job.id);
    expect(log).toContain("child got SIGINT");
    expect(log).toContain("cancel requested by");
    const sleep = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "sleep" } });
    expect(sleep.status).toBe("failed");
  });

  it("a run fenced out mid-step (another worker took the job over) stops its child and records nothing", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { sleepSeconds: 60 } });
    await waitFor(async () => (await logText(job.id)).includes("sleeping 60s"), 60_000, "child to start");
    // What a takeover leaves: the job claimed under the id of another worker, which is alive.
    await pool().query(`INSERT INTO worker_heartbeat (id, hostname, pid, last_seen_at) VALUES ('another-worker', 'elsewhere', 1, now() + interval '10 minutes')`);
    await db.job.update({ where: { id: job.id }, data: { workerId: "another-worker" } });
    await waitFor(async () => (await logText(job.id)).includes("presumed lost"), 20_000, "the fenced-out run to stop");
    expect(await logText(job.id)).toContain("child got SIGINT");
    // Neither cancelled nor failed: the job belongs to whoever took it over.
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
    expect((await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "sleep" } })).status).toBe("running");
    await db.job.update({ where: { id: job.id }, data: { status: "failed", workerId: null, finishedAt: new Date() } });
    await pool().query(`DELETE FROM worker_heartbeat WHERE id = 'another-worker'`);
  });

  it("cancelling a job that waits for approval still runs its restore, on a worker", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { approval: true } });
    await untilStatus(job.id, "waiting");
    await cancelJob(operator, job.id);
    await untilStatus(job.id, "cancelled");
    const log = await logText(job.id);
    expect(log).toContain("self-test restore ran");
    expect(log).toContain("cancelled during");
  });

  it("runs the restore after a failure in the same run", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { failAt: "sleep", lines: 1 } });
    await untilStatus(job.id, "failed");
    expect(await logText(job.id)).toContain("self-test restore ran");
  });

  it("redacts a failure's message before storing it as the step's and the job's error", async () => {
    const secret = "generated-admin-pw-5f2c9e";
    const failMessage = `site-init refused: password=${secret} Authorization: Bearer abcdefghijklmnopqrstuvwxyz token mi_F1gI7HtHiONkU7jU0GQWLsFsZNSJpH-U`;
    const job = await createJob(operator, { kind: "selftest", params: { failAt: "print", lines: 1, secret, failMessage } });
    await untilStatus(job.id, "failed");
    const stored = await db.job.findUniqueOrThrow({ where: { id: job.id }, include: { steps: true } });
    const stepError = stored.steps.find((s) => s.key === "print")?.error ?? "";
    for (const text of [stored.error ?? "", stepError]) {
      expect(text).toContain("site-init refused");
      expect(text).toContain("[REDACTED]");
      for (const leaked of [secret, "abcdefghijklmnopqrstuvwxyz", "mi_F1gI7HtHiONkU7jU0GQWLsFsZNSJpH-U"]) expect(text).not.toContain(leaked);
    }
  });

  it("retry resumes from the failed step, not from the start", async () => {
    const job = await createJob(operator, { kind: "selftest", params: { failAt: "sleep", lines: 1 } });
    await untilStatus(job.id, "failed");
    const failed = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "sleep" } });
    expect(failed.error).toContain("What to do next");
    const printBefore = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "print" } });
    // Make the retry succeed: the step reads its params at run time.
    await db.job.update({ where: { id: job.id }, data: { params: { lines: 1 } } });
    await retryJob(operator, job.id);
    await untilStatus(job.id, "succeeded");
    const printAfter = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "print" } });
    expect(printAfter.finishedAt).toEqual(printBefore.finishedAt);
    const log = await logText(job.id);
    expect(log.match(/line 1 of 1/g)).toHaveLength(1);
    expect(log).toContain('resuming at "Sleep in a child process"');
  });

  it("never runs two jobs of one instance at once", async () => {
    const instance = await makeInstance();
    const jobs = [];
    for (let i = 0; i < 4; i++) jobs.push(await createJob(operator, { kind: "selftest", instanceSlug: instance.slug, params: { sleepSeconds: 1, lines: 1 } }));
    let maxConcurrent = 0;
    await waitFor(async () => {
      const rows = await db.job.findMany({ where: { instanceId: instance.id } });
      maxConcurrent = Math.max(maxConcurrent, rows.filter((r) => r.status === "running" || r.status === "waiting").length);
      return rows.every((r) => r.status === "succeeded");
    }, 60_000, "all four jobs to succeed").catch(async (e) => {
      const rows = await db.job.findMany({ where: { instanceId: instance.id }, include: { logs: true } });
      throw new Error(`${e.message}\n${JSON.stringify(rows.map((r) => [r.status, r.error, r.logs.map((l) => l.line)]))}\n${worker.output.join("").slice(-3000)}`);
    });
    expect(maxConcurrent).toBe(1);
    // The database refuses a second active job for the instance, whatever the queue does.
    const [a, b] = jobs;
    await db.job.update({ where: { id: a.id }, data: { status: "running" } });
    await expect(db.job.update({ where: { id: b.id }, data: { status: "waiting" } })).rejects.toThrow();
  });

  it("rejects parameters that do not fit the runbook", async () => {
    await expect(createJob(operator, { kind: "selftest", params: { sleepSeconds: -1 } })).rejects.toThrow(/sleepSeconds/);
    await expect(createJob(operator, { kind: "nope" })).rejects.toThrow(/unknown job kind/);
  });
});
