/**
 * A worker process: `npm run worker` (any number, on any machine that reaches DATABASE_URL).
 * Runs jobs from the Postgres queue, sends a heartbeat, and takes over the jobs of workers
 * that stopped sending theirs.
 */
// First: the configuration is checked before any other module reads it.
import { settings } from "./worker-config";
import { run, type Runner } from "graphile-worker";
import { pool, closePool } from "../lib/db/pool";
import { db } from "../lib/db/client";
import { executeJob } from "../lib/jobs/execute-job";
import { RUNBOOKS } from "../lib/runbooks/registry";
import { beat, heartbeatIntervalMs, newWorkerId, removeHeartbeat } from "../lib/jobs/heartbeat";
import { notifications } from "../lib/jobs/notifications";
import { installQueueSchema, quietLogger, RUN_JOB_TASK, workerUtils } from "../lib/jobs/queue";
import { sweepLostWorkers } from "../lib/jobs/sweep-lost-workers";
import { warmUpClientLibraries } from "../lib/gcp/load-client-libraries";
import { startHealthLoop } from "../lib/health/health-loop";
import { notificationTasks } from "../lib/notify/notification-tasks";
import { sweepLostDeliveries } from "../lib/notify/sweep-lost-deliveries";
import { startSnapshotSchedule } from "../lib/lifecycle/schedule-snapshots";
import { startDriftSchedule } from "../lib/drift/schedule-drift-checks";
import { startReleasesFeedSync } from "../lib/releases/schedule-releases-sync";
import { interruptAllChildren } from "../lib/shell/run-process";

const workerId = settings.WORKER_ID ?? newWorkerId();
const concurrency = settings.WORKER_CONCURRENCY;
const log = (m: string) => console.log(`[worker ${workerId}] ${m}`);

async function main() {
  const url = settings.DATABASE_URL;
  // Load the client libraries now: loading them lazily inside a job would block the event
  // loop for seconds, long enough to miss heartbeats and be presumed lost.
  warmUpClientLibraries();
  await installQueueSchema(url);
  const p = pool();
  await beat(p, workerId);
  const utils = await workerUtils(url);
  const heartbeat = setInterval(() => beat(p, workerId).catch((e) => log(`heartbeat failed: ${e.message}`)), heartbeatIntervalMs());
  const sweep = async () => {
    try {
      await sweepLostWorkers(p, utils, log, workerId);
      await sweepLostDeliveries(p, utils, workerId);
    } catch (e) {
      log(`sweep failed: ${(e as Error).message}`);
    }
  };
  const sweeper = setInterval(sweep, settings.SWEEP_INTERVAL_MS);
  void sweep();
  const runner: Runner = await run({
    connectionString: url,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: quietLogger(),
    taskList: {
      [RUN_JOB_TASK]: async (payload, helpers) => {
        const jobId = (payload as { jobId?: string }).jobId;
        if (!jobId) return;
        await executeJob(jobId, { workerId, queueWorkerId: helpers.job.locked_by ?? "unknown" }, RUNBOOKS);
      },
      ...notificationTasks(workerId),
    },
  });
  log(`running ${concurrency} job slot(s)`);
  // HEALTH_CHECKS=0 runs a worker without the periodic health checks (jobs only).
  const healthLoop = !settings.HEALTH_CHECKS ? { stop: async () => {} } : startHealthLoop({ log });
  const snapshotSchedule = startSnapshotSchedule(log);
  const driftSchedule = startDriftSchedule(log);
  const releasesSync = startReleasesFeedSync(log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    clearInterval(heartbeat);
    clearInterval(sweeper);
    // Jobs still running are taken over by the next worker's sweep: dropping our heartbeat
    // now makes that immediate instead of waiting for it to go stale.
    await removeHeartbeat(p, workerId).catch(() => {});
    snapshotSchedule.stop();
    driftSchedule.stop();
    releasesSync.stop();
    await healthLoop.stop(2_000);
    await Promise.race([runner.stop(), new Promise((r) => setTimeout(r, 3_000))]);
    await notifications().close();
    await (await utils).release?.();
    await db.$disconnect();
    await closePool().catch(() => {});
    // Children (terraform, gcloud) run in their own process groups and would outlive us.
    // Interrupted right before exiting, so their steps record no failure: another worker
    // resumes those jobs (steps are safe to run again).
    const interrupted = interruptAllChildren();
    if (interrupted) log(`interrupted ${interrupted} running command(s); their jobs resume on another worker`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  await runner.promise;
}

// A client library that rejects a promise nobody awaits (google-gax does, when it cannot
// find credentials) must not take every running job down with the process.
process.on("unhandledRejection", (reason) => {
  console.error(`[worker ${workerId}] unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
});

main().catch((e) => {
  console.error(`[worker ${workerId}] fatal: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
