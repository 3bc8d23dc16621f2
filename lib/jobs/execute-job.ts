import { config } from "../config/load-config";
import type pg from "pg";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { runProcess } from "../shell/run-process";
import { StepError, type Runbook, type Runbooks, type StepContext } from "../runbooks/types";
import { LogWriter } from "./log-writer";
import { CHANNELS, notifications } from "./notifications";
import { enqueueInTransaction } from "./queue";
import { setJobStatus, setStepStatus } from "./job-status";

export interface WorkerIdentity {
  /** This process's worker_heartbeat id. */
  workerId: string;
  /** graphile-worker's id for the worker holding the queue entry. */
  queueWorkerId: string;
}

/** A job resumed this many times after losing its worker is failed instead. */
const MAX_PICKUPS = 5;
const BUSY_RETRY_MS = 3_000;
const CANCEL_POLL_MS = 2_000;

interface StepRow {
  key: string;
  name: string;
  kind: string;
  status: string;
  detail: unknown;
}

/**
 * Runs (or resumes) one job: claims it, walks its steps in order from the first that has
 * not finished, and leaves the job succeeded, failed, cancelled or waiting on a person.
 * Safe to call more than once for the same job (the queue delivers at least once).
 * The engine knows no runbook: the process that runs it hands them over (workers/main.ts).
 */
export async function executeJob(jobId: string, who: WorkerIdentity, runbooks: Runbooks): Promise<void> {
  const p = pool();
  const claim = await claimJob(p, jobId, who);
  if (claim.outcome === "gone") return;
  if (claim.outcome === "busy") {
    await db.$transaction((tx) => enqueueInTransaction(tx, { id: jobId, instanceId: claim.instanceId }, new Date(Date.now() + BUSY_RETRY_MS)));
    return;
  }
  const { job, resumed } = claim;
  const log = new LogWriter(p, jobId);
  const controller = new AbortController();
  if (job.cancel_requested_at) controller.abort();
  const stopWatching = watchForCancel(p, jobId, controller, who);
  try {
    if (resumed) log.system(`▶ resumed on worker ${who.workerId} after the previous worker was lost (pickup ${job.attempts})`);
    else log.system(`▶ started on worker ${who.workerId}`);
    if (job.attempts > MAX_PICKUPS) {
      await finish(p, log, jobId, "failed", `the job lost its worker ${job.attempts - 1} times; giving up. Retry it once the workers are stable.`);
      return;
    }
    await runSteps(p, log, job, controller, who, runbookOf(runbooks, job.kind));
  } catch (e) {
    // An engine error (database gone, bug): fail clearly rather than leave "running".
    const message = e instanceof Error ? e.message : String(e);
    log.system(`✖ engine error: ${message}`);
    await finish(p, log, jobId, "failed", `engine error: ${message}`).catch(() => {});
  } finally {
    stopWatching();
    await log.flush();
  }
}

type JobRow = { id: string; kind: string; params: Record<string, unknown>; instance_id: string | null; attempts: number; cancel_requested_at: Date | null };

/**
 * Claims the job in one statement: a queued job, or a running one whose worker was lost
 * (worker_id cleared by the sweeper). The partial unique index job_one_active_per_instance
 * refuses the claim while another job holds the instance: that job goes back to the queue.
 */
async function claimJob(p: pg.Pool, jobId: string, who: WorkerIdentity) {
  try {
    const { rows } = await p.query<JobRow & { prev_status: string }>(
      `WITH claimed AS (
         UPDATE job j SET status = 'running', worker_id = $2, queue_worker_id = $3, attempts = j.attempts + 1,
           started_at = COALESCE(j.started_at, now()), finished_at = NULL
         FROM (SELECT id, status AS prev_status FROM job WHERE id = $1 FOR UPDATE) prev
         WHERE j.id = prev.id AND (prev.prev_status = 'queued' OR (prev.prev_status = 'running' AND j.worker_id IS NULL))
         RETURNING j.*, prev.prev_status
       )
       SELECT claimed.*, pg_notify($4, claimed.id || ':running') FROM claimed`,
      [jobId, who.workerId, who.queueWorkerId, CHANNELS.status],
    );
    if (!rows.length) return { outcome: "gone" as const };
    return { outcome: "claimed" as const, job: rows[0], resumed: rows[0].prev_status === "running" };
  } catch (e) {
    if ((e as { code?: string }).code !== "23505") throw e;
    const { rows } = await p.query<{ instance_id: string | null }>(`SELECT instance_id FROM job WHERE id = $1`, [jobId]);
    return { outcome: "busy" as const, instanceId: rows[0]?.instance_id ?? null };
  }
}

function runbookOf(runbooks: Runbooks, kind: string): Runbook {
  const runbook = runbooks.get(kind);
  if (!runbook) throw new Error(`this worker has no runbook for jobs of kind "${kind}"`);
  return runbook;
}

async function runSteps(p: pg.Pool, log: LogWriter, job: JobRow, controller: AbortController, who: WorkerIdentity, runbook: Runbook) {
  const definitions = new Map(runbook.steps(job.params as never).map((d) => [d.key, d]));
  const steps = await readSteps(p, job.id);
  const details = new Map(steps.map((s) => [s.key, s.detail]));
  for (const step of steps) {
    if (step.status === "succeeded" || step.status === "skipped") continue;
    if (!(await stillMine(p, job.id, who))) return lostOwnership(log, controller);
    const def = definitions.get(step.key);
    if (!def) return finish(p, log, job.id, "failed", `step "${step.key}" no longer exists in the ${job.kind} runbook`);
    if (controller.signal.aborted) return stopped(p, log, job, runbook, step, details, controller, who);
    const ctx = await stepContext(job, step.key, log, controller.signal, details);
    if (def.needed && !(await def.needed(ctx))) {
      log.system(`↷ ${step.name}: not needed`, step.key);
      await setStepStatus(p, job.id, step.key, "skipped");
      continue;
    }
    if (def.kind !== "automated") {
      await setStepStatus(p, job.id, step.key, "waiting");
      log.system(`‖ ${step.name}: waiting for ${def.kind === "approval" ? "approval by an operator" : "a person to mark it done"}${def.instructions ? ` (${def.instructions})` : ""}`, step.key);
      await log.flush();
      await setJobStatus(p, job.id, "waiting");
      return;
    }
    if (step.status === "running") log.system(`↻ ${step.name}: running it again (it was interrupted; steps are safe to repeat)`, step.key);
    log.system(`→ ${step.name}`, step.key);
    await setStepStatus(p, job.id, step.key, "running");
    const started = Date.now();
    try {
      const result = await def.run!(ctx);
      if (controller.signal.aborted) return stopped(p, log, job, runbook, step, details, controller, who);
      if (!(await stillMine(p, job.id, who))) return lostOwnership(log, controller);
      details.set(step.key, result?.detail ?? null);
      // A step is recorded done only once its output is stored.
      await log.flush();
      await setStepStatus(p, job.id, step.key, "succeeded", { detail: result?.detail ?? null });
      log.system(`✓ ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`, step.key);
    } catch (e) {
      if (controller.signal.aborted) return stopped(p, log, job, runbook, step, details, controller, who);
      // A fenced-out run (another worker took the job over) must not record this failure.
      if (!(await stillMine(p, job.id, who))) return lostOwnership(log, controller);
      const message = e instanceof Error ? e.message : String(e);
      const remedy = e instanceof StepError ? e.remedy : undefined;
      log.system(`✖ ${step.name} failed: ${message}`, step.key);
      if (remedy) log.system(`  What to do next: ${remedy}`, step.key);
      await setStepStatus(p, job.id, step.key, "failed", { error: log.redactText(remedy ? `${message}\nWhat to do next: ${remedy}` : message) });
      // Re-read: steps this run finished are not in the rows read at the start.
      await restore(runbook.restore, await readSteps(p, job.id), ctx, log);
      return finish(p, log, job.id, "failed", `${step.name}: ${message}`);
    }
  }
  return finish(p, log, job.id, "succeeded");
}

async function readSteps(p: pg.Pool, jobId: string): Promise<StepRow[]> {
  const { rows } = await p.query<StepRow>(`SELECT key, name, kind, status, detail FROM job_step WHERE job_id = $1 ORDER BY position`, [jobId]);
  return rows;
}

/**
 * Fencing: a worker whose heartbeat went stale (a long pause, a network split) may find its
 * job taken over by another worker. It checks before and after every step and stops
 * quietly, so the two never both record progress.
 */
async function stillMine(p: pg.Pool, jobId: string, who: WorkerIdentity): Promise<boolean> {
  const { rows } = await p.query<{ worker_id: string | null; status: string }>(`SELECT worker_id, status FROM job WHERE id = $1`, [jobId]);
  return rows[0]?.worker_id === who.workerId && rows[0]?.status === "running";
}

function lostOwnership(log: LogWriter, controller: AbortController) {
  log.system("⚠ this worker was presumed lost and another one has taken the job over; stopping here");
  controller.abort();
}

/** Aborted: a cancel, or the watcher saw another worker take the job over (then record nothing). */
async function stopped(p: pg.Pool, log: LogWriter, job: JobRow, runbook: Runbook, step: StepRow, details: Map<string, unknown>, controller: AbortController, who: WorkerIdentity) {
  if (!(await stillMine(p, job.id, who))) return lostOwnership(log, controller);
  return cancelled(p, log, job, runbook, step, details);
}

async function cancelled(p: pg.Pool, log: LogWriter, job: JobRow, runbook: Runbook, step: StepRow, details: Map<string, unknown>) {
  log.system(`■ cancelled during "${step.name}"`, step.key);
  await setStepStatus(p, job.id, step.key, "failed", { error: "cancelled" });
  if (runbook.restore) {
    const ctx = await stepContext(job, step.key, log, new AbortController().signal, details);
    await restore(runbook.restore, await readSteps(p, job.id), ctx, log);
  }
  return finish(p, log, job.id, "cancelled", "cancelled");
}

/** The runbook's restore, when the job got past the step that makes it necessary. */
async function restore(r: { after: string; run: (ctx: StepContext) => Promise<void> } | undefined, steps: StepRow[], ctx: StepContext, log: LogWriter) {
  if (!r) return;
  const reached = steps.find((s) => s.key === r.after);
  if (!reached || reached.status === "pending" || reached.status === "skipped") return;
  log.system("↺ restoring a safe state before stopping");
  try {
    await r.run(ctx);
    log.system("↺ restore finished");
  } catch (e) {
    log.system(`✖ restore failed: ${e instanceof Error ? e.message : e}. A person must check the instance now.`);
  }
}

async function finish(p: pg.Pool, log: LogWriter, jobId: string, status: "succeeded" | "failed" | "cancelled", error: string | null = null) {
  log.system(status === "succeeded" ? "● job succeeded" : status === "cancelled" ? "● job cancelled" : `● job failed: ${error}`);
  await log.flush();
  await setJobStatus(p, jobId, status, status === "succeeded" || error === null ? null : log.redactText(error));
}

async function stepContext(job: JobRow, stepKey: string, log: LogWriter, signal: AbortSignal, details: Map<string, unknown>): Promise<StepContext> {
  const instance = job.instance_id ? await db.instance.findUnique({ where: { id: job.instance_id } }) : null;
  return {
    jobId: job.id,
    stepKey,
    params: job.params,
    instance,
    signal,
    log: (line) => log.system(line, stepKey),
    addSecret: (v) => log.addSecret(v),
    detailOf: (key) => details.get(key),
    async exec(command, args, opts = {}) {
      log.system(`$ ${[command, ...args].map(quoteForDisplay).join(" ")}`, stepKey);
      return runProcess(command, args, {
        cwd: opts.cwd,
        env: opts.env,
        timeoutMs: opts.timeoutMs,
        signal,
        killGraceMs: config().KILL_GRACE_MS,
        onLine: (stream, line) => log.write(stream, line, stepKey),
      });
    },
  };
}

function quoteForDisplay(arg: string) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Cancel arrives by NOTIFY (fast) or by polling the flag (if a notification was missed). The
 * poll also notices when another worker has taken the job over (this one was presumed lost):
 * aborting then stops the running step's child at once, so the two never run it together.
 */
function watchForCancel(p: pg.Pool, jobId: string, controller: AbortController, who: WorkerIdentity): () => void {
  const n = notifications();
  const onCancel = (payload: string) => payload === jobId && controller.abort();
  n.on(CHANNELS.cancel, onCancel);
  void n.ready().catch(() => {});
  const timer = setInterval(async () => {
    const { rows } = await p
      .query<{ cancel_requested_at: Date | null; worker_id: string | null }>(`SELECT cancel_requested_at, worker_id FROM job WHERE id = $1`, [jobId])
      .catch(() => ({ rows: [] as { cancel_requested_at: Date | null; worker_id: string | null }[] }));
    if (rows[0]?.cancel_requested_at || (rows[0] && rows[0].worker_id !== who.workerId)) controller.abort();
  }, CANCEL_POLL_MS);
  return () => {
    clearInterval(timer);
    n.off(CHANNELS.cancel, onCancel);
  };
}
