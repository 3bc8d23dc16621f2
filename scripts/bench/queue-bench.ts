import pg from "pg";
import { run, makeWorkerUtils } from "graphile-worker";
import { createJob } from "../../lib/jobs/create-job";
import { executeJob } from "../../lib/jobs/execute-job";
import { RUNBOOKS } from "../../lib/runbooks/registry";
import { quietLogger, RUN_JOB_TASK } from "../../lib/jobs/queue";
import type { Actor } from "../../lib/auth/actor";
import { printRow, stats } from "./measure";

/**
 * Enqueue → first step running, through our whole path (job row + steps + audit + queue
 * entry in one transaction, pickup, claim, step start), next to graphile-worker's own
 * add_job → task start, in the same process and run.
 */
export async function benchQueue(databaseUrl: string, actor: Actor, iterations: number) {
  const started = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  await listener.query("LISTEN job_status");
  const finished = new Map<string, () => void>();
  listener.on("notification", (n) => {
    const [id, what] = (n.payload ?? "").split(":");
    if (what === "succeeded" || what === "failed") finished.get(id)?.();
    if (what === "step" && !started.has(id)) {
      started.set(id, performance.now());
      waiters.get(id)?.();
    }
  });
  const noopDone = new Map<number, () => void>();
  const runner = await run({
    connectionString: databaseUrl,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: quietLogger(),
    taskList: {
      bench_noop: async (payload) => noopDone.get((payload as { n: number }).n)?.(),
      [RUN_JOB_TASK]: async (payload, helpers) => executeJob((payload as { jobId: string }).jobId, { workerId: "bench", queueWorkerId: helpers.job.locked_by ?? "bench" }, RUNBOOKS),
    },
  });
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: quietLogger() });
  await new Promise((r) => setTimeout(r, 500));
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    // graphile-worker alone
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      noopDone.set(i, resolve);
      void utils.addJob("bench_noop", { n: i });
    });
    if (i >= 5) theirs.push(performance.now() - t0);
    // our path
    const t1 = performance.now();
    let id = "";
    await new Promise<void>((resolve) => {
      void createJob(actor, { kind: "selftest", params: { lines: 0 } }).then((job) => {
        id = job.id;
        if (started.has(id)) resolve();
        else waiters.set(id, resolve);
      });
    });
    if (i >= 5) ours.push(started.get(id)! - t1);
    // Let our job end before the next measurement, so neither path competes with the other.
    await new Promise<void>((resolve) => {
      finished.set(id, resolve);
      setTimeout(resolve, 2_000);
    });
  }
  await new Promise((r) => setTimeout(r, 500));
  await runner.stop();
  await utils.release();
  await listener.end();
  const base = stats(theirs);
  const mine = stats(ours);
  console.log(`\nenqueue → first step running (${iterations} jobs each, alternating)`);
  printRow("graphile-worker add_job → task start", base);
  printRow("createJob → first step running (ours)", mine, base);
  return { graphile: base, ours: mine };
}
