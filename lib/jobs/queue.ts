import { makeWorkerUtils, runMigrations, type WorkerUtils } from "graphile-worker";
import { Prisma } from "../generated/prisma/client";

/** The one graphile-worker task: run (or resume) one of our jobs. */
export const RUN_JOB_TASK = "run_job";

/**
 * The queue serializes an instance's jobs: every job of one instance goes to the named
 * queue `instance:<id>`, which graphile-worker runs one at a time. (The database guards
 * the same rule with a partial unique index; see executeJob.)
 */
export function queueNameFor(job: { id: string; instanceId: string | null }): string {
  return job.instanceId ? `instance:${job.instanceId}` : `job:${job.id}`;
}

/** Installs or upgrades graphile-worker's own schema (idempotent). */
export async function installQueueSchema(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
}

/**
 * Enqueues inside the caller's transaction, so a job's row and its queue entry commit
 * together. `job_key` = our job id makes a repeated enqueue replace, not duplicate.
 */
export async function enqueueInTransaction(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  job: { id: string; instanceId: string | null },
  runAt?: Date,
): Promise<void> {
  await tx.$executeRaw`SELECT ${addJobCall(job, runAt)}`;
}

/** The `graphile_worker.add_job(…)` call that enqueues a job, for use inside a larger statement. */
export function addJobCall(job: { id: string; instanceId: string | null }, runAt?: Date): Prisma.Sql {
  return Prisma.sql`graphile_worker.add_job(
    ${RUN_JOB_TASK}::text,
    json_build_object('jobId', ${job.id}::text),
    queue_name := ${queueNameFor(job)}::text,
    run_at := ${runAt ?? null}::timestamptz,
    max_attempts := 25,
    job_key := ${job.id}::text
  )`;
}

let utils: Promise<WorkerUtils> | undefined;
export function workerUtils(connectionString: string): Promise<WorkerUtils> {
  utils ??= makeWorkerUtils({ connectionString, logger: quietLogger() });
  return utils;
}

import { Logger } from "graphile-worker";
export function quietLogger(): Logger {
  return new Logger(() => (level: string, message: string) => {
    if (level === "error" || level === "warning") console.error(`[queue] ${level}: ${message}`);
  });
}
