import os from "node:os";
import { setVmStatus } from "../../emulators/gcp/state";
import { setContainer } from "../../emulators/sourcegraph/state";
import { db } from "../../lib/db/client";
import { checkAndRecord } from "../../lib/health/check-and-record";
import { getHealthSummary } from "../../lib/health/health-summary";
import { seedEmulatedInstances, startHealthEmulators } from "../../test-support/emulated-fleet";
import { spawnWorker, waitFor } from "../../lib/testing/spawn-worker";
import { stats } from "./measure";
import { cpuSeconds, peakRss } from "./rss";

const FOLDER = "folders/700000000001";

/**
 * Issue 13's benchmark: BENCH_HEALTH_INSTANCES (10,000) instances seeded into both emulators
 * as the deployment module builds them (guest attributes with the health report, projects
 * under one folder), 10% IP-allowlisted, 1% with a stopped VM and 1% with a crashed
 * migrator; the fleet as it stands between rounds (each instance healthy, with its history).
 * One real worker process (`workers/main.ts`, jobs idle) checks them all once: its rate and
 * peak RSS are the figure. In the same run, the previous way (one `gcloud compute ssh … docker
 * ps` and direct reads per check, "Check now"'s path) on BENCH_HEALTH_SSH_SAMPLE (100) of them.
 */
export async function benchHealth(databaseUrl: string) {
  const count = Number(process.env.BENCH_HEALTH_INSTANCES ?? 10_000);
  const concurrency = Number(process.env.BENCH_HEALTH_CONCURRENCY ?? 32);
  const sshSample = Number(process.env.BENCH_HEALTH_SSH_SAMPLE ?? 100);
  const emulators = await startHealthEmulators(databaseUrl);
  const slugs = Array.from({ length: count }, (_, i) => `hb-${String(i).padStart(5, "0")}`);
  await db.instance.deleteMany({ where: { slug: { in: slugs } } });
  let t = performance.now();
  const instances = await seedEmulatedInstances(emulators, slugs, "5.10.1", { healthReport: true, parent: FOLDER });
  const ids = instances.map((i) => i.id);
  const allowlisted = instances.filter((_, i) => i % 10 === 3).map((i) => i.id);
  await db.instance.updateMany({ where: { id: { in: allowlisted } }, data: { accessMode: "ip_allowlist", allowlistCidrs: ["203.0.113.0/24"] } });
  const since = new Date(Date.now() - 86_400_000);
  await db.instance.updateMany({ where: { id: { in: ids } }, data: { health: "healthy", healthSince: since, healthCheckedAt: since } });
  await db.healthEvent.createMany({ data: ids.map((instanceId) => ({ instanceId, at: since, state: "healthy" as const, previous: null, failing: [] })) });
  const down = instances.filter((_, i) => i % 100 === 7);
  const crashed = instances.filter((_, i) => i % 100 === 11);
  for (const i of down) await setVmStatus(emulators.gcp.pool, { project: i.gcpProjectId, status: "TERMINATED" });
  for (const i of crashed) await setContainer(emulators.sourcegraph.pool, i.slug, "migrator", { exitCode: 1 });
  const held = await db.instance.updateMany({ where: { id: { notIn: ids } }, data: { nextHealthCheckAt: new Date(Date.now() + 365 * 86_400_000) } });
  await db.$executeRawUnsafe("ANALYZE instance");
  console.log(`  seeded ${count} instances in both emulators in ${((performance.now() - t) / 1000).toFixed(1)} s (${allowlisted.length} allowlisted, ${down.length} stopped VMs, ${crashed.length} crashed migrators)`);

  // One checker: a real worker process, its health loop only.
  const worker = spawnWorker({
    DATABASE_URL: databaseUrl,
    HEALTH_CHECKS: "1",
    WORKER_CONCURRENCY: "1",
    HEALTH_CHECK_INTERVAL_SECONDS: "3600",
    HEALTH_CHECK_CONCURRENCY: String(concurrency),
    HEALTH_CHECK_POLL_MS: "200",
    HEALTH_ASSET_SCOPE: FOLDER,
    GCP_API_ENDPOINT: process.env.GCP_API_ENDPOINT!,
    GCP_ACCESS_TOKEN: process.env.GCP_ACCESS_TOKEN!,
    SOURCEGRAPH_BASE_URL_TEMPLATE: process.env.SOURCEGRAPH_BASE_URL_TEMPLATE!,
    PATH: process.env.PATH!,
  });
  const rss = peakRss(() => (worker.proc.pid ? [worker.proc.pid] : []));
  const startedAt = new Date();
  // The rate is from the moment the worker's loop starts (after its start-up, which loads the
  // Google client libraries) to the last result recorded.
  const ready = await waitFor(async () => (worker.output.join("").includes("job slot(s)") ? new Date() : null), 300_000, "the worker to start");
  const cpuAtReady = cpuSeconds(worker.proc.pid!);
  const recordedSince = () => db.instance.aggregate({ where: { id: { in: ids }, healthCheckedAt: { gte: startedAt } }, _count: { _all: true }, _max: { healthCheckedAt: true } });
  let checked = 0;
  let lastAt = ready;
  let lastProgress = Date.now();
  const deadline = Date.now() + Number(process.env.BENCH_HEALTH_SECONDS ?? 900) * 1000;
  while (checked < count && Date.now() < deadline && Date.now() - lastProgress < 180_000) {
    await new Promise((r) => setTimeout(r, 500));
    const agg = await recordedSince();
    if (agg._count._all > checked) lastProgress = Date.now();
    checked = agg._count._all;
    lastAt = agg._max.healthCheckedAt ?? lastAt;
  }
  const elapsedMin = Math.max(1, lastAt.getTime() - ready.getTime()) / 60_000;
  const peak = Math.max(0, ...rss.stop().values());
  const workerCpu = cpuSeconds(worker.proc.pid!) - cpuAtReady;
  await worker.stop();
  const output = worker.output.join("").split("\n");
  const problems = output.filter((l) => /not (recorded|checked)|failed/.test(l));
  if (problems.length) console.log(`  worker reported ${problems.length} problem(s), e.g.:\n${problems.slice(0, 5).map((l) => `    ${l}`).join("\n")}`);
  const loopStats = Object.fromEntries([...(output.find((l) => l.includes("loop stopped")) ?? "").matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  const perMin = checked / elapsedMin;

  const rows = await db.instance.findMany({ where: { id: { in: ids } }, select: { health: true, healthChecks: true } });
  const byState = Object.fromEntries(["healthy", "degraded", "down", "unknown"].map((s) => [s, rows.filter((r) => r.health === s).length]));
  const checks = rows.flatMap((r) => (r.healthChecks as { key: string; message: string; latencyMs: number }[]) ?? []);
  const sshSessions = loopStats.sshFallbacks ?? NaN;
  const errorCounts = new Map<string, number>();
  for (const c of checks.filter((c) => c.message.startsWith("could not"))) {
    const kind = `${c.key}: ${c.message.replace(/[0-9a-f-]{8,}|\d+/g, "N").slice(0, 90)}`;
    errorCounts.set(kind, (errorCounts.get(kind) ?? 0) + 1);
  }
  const errorKinds = [...errorCounts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`);
  const lat = stats(checks.map((c) => c.latencyMs));
  const events = await db.healthEvent.count({ where: { instanceId: { in: ids }, at: { gte: startedAt } } });

  // The previous way, same run: every check a direct read and one SSH session (`docker ps`), concurrency 8 as before.
  await db.instance.updateMany({ where: { id: { in: ids } }, data: { nextHealthCheckAt: new Date(Date.now() + 365 * 86_400_000) } });
  const sample = instances.filter((i) => !allowlisted.includes(i.id)).slice(0, sshSample);
  t = performance.now();
  const queue = [...sample];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await checkAndRecord({ ...next, accessMode: "public_sso" }, 45_000);
    }),
  );
  const sshPerMin = sample.length / ((performance.now() - t) / 60_000);

  // The fleet page's summary at this size (counts by state + the instances needing attention).
  const summary = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    await getHealthSummary();
    summary.push(performance.now() - s);
  }
  const sum = stats(summary);

  console.log(`health: ${Math.round(perMin)} instances/min per worker, peak RSS ${Math.round(peak)} MB`);
  console.log(`  worker CPU: ${workerCpu.toFixed(1)} s for ${checked} instances = ${((workerCpu * 1000) / Math.max(1, checked)).toFixed(1)} ms per instance, i.e. ${Math.round((60 * checked) / Math.max(0.01, workerCpu))} instances/min for each CPU core the worker has to itself (the emulators, GCP's and Sourcegraph's stand-ins, ran on the same 2 cores, shared with other work: load average ${os.loadavg()[0].toFixed(1)})`);
  console.log(`  ssh per check: ${sshSessions} SSH sessions (${(sshSessions / Math.max(1, checked)).toFixed(3)} per check) for ${checked} instances checked in this run; the previous way (one SSH session per check, ${sample.length} instances, concurrency 8, same run): ${Math.round(sshPerMin)} instances/min`);
  console.log(`  ${checked}/${count} instances in ${(elapsedMin * 60).toFixed(1)} s (after the worker's start-up of ${((ready.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s), concurrency ${concurrency}; states ${JSON.stringify(byState)}; ${events} transitions recorded`);
  if (errorKinds.length) console.log(`  checks that could not run (state unknown), by kind: ${errorKinds.slice(0, 4).join("; ")}`);
  console.log(`  loop: ${JSON.stringify(loopStats)}`);
  console.log(`  single-check latency p50 ${lat.p50} ms, p95 ${lat.p95} ms; 10,000 instances every 300 s need ${(2000 / perMin).toFixed(2)} worker(s)`);
  console.log(`  fleet health summary (GET /api/health/summary's query) at ${await db.instance.count()} instances: p50 ${sum.p50.toFixed(1)} ms, p95 ${sum.p95.toFixed(1)} ms`);

  await db.instance.updateMany({ where: { id: { in: ids } }, data: { status: "deleted" } });
  if (held.count) await db.instance.updateMany({ where: { id: { notIn: ids } }, data: { nextHealthCheckAt: null } });
  await emulators.close();
  return { instances: checked, instancesPerMinute: perMin, peakRssMb: peak, sshPerMinute: sshPerMin, states: byState };
}
