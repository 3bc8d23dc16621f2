import { db } from "../../lib/db/client";
import { startHealthLoop } from "../../lib/health/health-loop";
import { seedEmulatedInstances, startHealthEmulators } from "../../test-support/emulated-fleet";
import { stats } from "./measure";

/**
 * Health checks per minute on this machine: BENCH_HEALTH_INSTANCES (500) instances seeded into
 * both emulators, checked by one worker's loop (BENCH_HEALTH_CONCURRENCY, default 8) with its
 * real adapters — Compute API client, HTTP to the Sourcegraph emulator, the fake gcloud for
 * SSH — for at most BENCH_HEALTH_SECONDS (60). Each instance is checked at most once. Other
 * instances in the database are held back while it runs.
 */
export async function benchHealth(databaseUrl: string) {
  const count = Number(process.env.BENCH_HEALTH_INSTANCES ?? 500);
  const concurrency = Number(process.env.BENCH_HEALTH_CONCURRENCY ?? 8);
  const seconds = Number(process.env.BENCH_HEALTH_SECONDS ?? 60);
  const emulators = await startHealthEmulators(databaseUrl);
  const slugs = Array.from({ length: count }, (_, i) => `health-bench-${String(i).padStart(5, "0")}`);
  await db.instance.deleteMany({ where: { slug: { in: slugs } } });
  const instances = await seedEmulatedInstances(emulators, slugs);
  const ids = instances.map((i) => i.id);
  const held = await db.instance.updateMany({ where: { id: { notIn: ids } }, data: { nextHealthCheckAt: new Date(Date.now() + 365 * 86_400_000) } });

  const started = performance.now();
  const loop = startHealthLoop({ intervalSeconds: 3600, concurrency, pollMs: 200 });
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline && loop.completed < count) await new Promise((r) => setTimeout(r, 250));
  const elapsedMin = (performance.now() - started) / 60_000;
  const done = loop.completed;
  await loop.stop(15_000);

  const rows = await db.instance.findMany({ where: { id: { in: ids }, healthCheckedAt: { not: null } }, select: { health: true, healthChecks: true } });
  const byState = Object.fromEntries(["healthy", "degraded", "down", "unknown"].map((s) => [s, rows.filter((r) => r.health === s).length]));
  const latencies = rows.flatMap((r) => (r.healthChecks as { latencyMs: number }[]).map((c) => c.latencyMs));
  const perMin = done / elapsedMin;
  const lat = stats(latencies.length ? latencies : [0]);
  console.log(`  ${done}/${count} instances in ${(elapsedMin * 60).toFixed(1)} s with concurrency ${concurrency}: ${perMin.toFixed(0)} instances/min (${(perMin * 5).toFixed(0)} checks/min)`);
  console.log(`  states ${JSON.stringify(byState)}; single-check latency p50 ${lat.p50} ms, p95 ${lat.p95} ms`);
  console.log(`  10,000 instances every 300 s need ${(2000 / perMin).toFixed(1)} such worker(s) on this machine`);

  await db.instance.updateMany({ where: { id: { in: ids } }, data: { status: "deleted" } });
  if (held.count) await db.instance.updateMany({ where: { id: { notIn: ids } }, data: { nextHealthCheckAt: null } });
  await emulators.close();
  return { instances: done, seconds: elapsedMin * 60, instancesPerMinute: perMin, checksPerMinute: perMin * 5, states: byState };
}
