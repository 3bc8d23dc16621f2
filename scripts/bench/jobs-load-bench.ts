import { spawn } from "node:child_process";
import pg from "pg";
import { createJob } from "../../lib/jobs/create-job";
import type { Actor } from "../../lib/auth/actor";
import { peakRss } from "./rss";

/**
 * 200 jobs across 100 instances on 4 worker processes: all must finish, and no instance
 * may ever have two jobs running at once (checked exactly, from each job's start and
 * finish times, not by sampling).
 */
export async function benchJobsLoad(opts: { databaseUrl: string; actor: Actor; slugs: string[]; jobs: number; workers: number }) {
  const procs = Array.from({ length: opts.workers }, (_, n) =>
    spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
      env: { ...process.env, DATABASE_URL: opts.databaseUrl, WORKER_ID: `bench-${n}`, WORKER_CONCURRENCY: "4", HEALTH_CHECKS: "0" },
      stdio: "ignore",
    }),
  );
  const rss = peakRss(() => procs.map((p) => p.pid!).filter(Boolean));
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  await new Promise((r) => setTimeout(r, 4000));
  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < opts.jobs; i++) {
    const job = await createJob(opts.actor, { kind: "selftest", instanceSlug: opts.slugs[i % opts.slugs.length], params: { lines: 20 } });
    ids.push(job.id);
  }
  let done = 0;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM job WHERE id = ANY($1::uuid[]) AND status IN ('succeeded', 'failed', 'cancelled')`, [ids]);
    done = rows[0].n;
    if (done === ids.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const secs = (performance.now() - t0) / 1000;
  const { rows: overlaps } = await pool.query(
    `SELECT count(*)::int AS n FROM job a JOIN job b ON a.instance_id = b.instance_id AND a.id < b.id
     WHERE a.id = ANY($1::uuid[]) AND b.id = ANY($1::uuid[])
       AND a.started_at < b.finished_at AND b.started_at < a.finished_at`,
    [ids],
  );
  const { rows: failed } = await pool.query(`SELECT count(*)::int AS n FROM job WHERE id = ANY($1::uuid[]) AND status <> 'succeeded'`, [ids]);
  const peaks = rss.stop();
  await Promise.all(procs.map((p) => new Promise((r) => { p.once("exit", r); p.kill("SIGTERM"); })));
  await pool.end();
  const maxRss = Math.max(...peaks.values());
  console.log(`\n${opts.jobs} jobs across ${opts.slugs.length} instances, ${opts.workers} worker processes`);
  console.log(`  finished ${done}/${opts.jobs} in ${secs.toFixed(1)} s (${(done / secs).toFixed(1)} jobs/s); not succeeded: ${failed[0].n}`);
  console.log(`  pairs of jobs of one instance whose run times overlap: ${overlaps[0].n} (must be 0)`);
  console.log(`  worker peak RSS: ${maxRss.toFixed(0)} MB (target ≤ 250 MB)`);
  return { done, secs, overlaps: overlaps[0].n, failed: failed[0].n, workerRssMb: maxRss };
}
