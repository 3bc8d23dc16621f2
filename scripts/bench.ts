/**
 * npm run bench: seeds 10,000 instances into a database of its own (an embedded Postgres
 * under .data/bench-pg, or BENCH_DATABASE_URL's server) and prints each measurement next
 * to its baseline measured in the same run, as ratios. Figures go in BENCHMARKS.md.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";
import { installQueueSchema } from "../lib/jobs/queue";
import { withDatabase } from "../lib/testing/global-setup";
import { buildIfChanged } from "./lib/build-if-changed";

const COUNT = Number(process.env.BENCH_COUNT ?? 10_000);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 200);
/** BENCH_ONLY=list,pages,queue,logs,load,… runs a subset (all by default). */
const ONLY = new Set((process.env.BENCH_ONLY ?? "list,pages,queue,logs,load,health,notify,provision").split(","));

async function main() {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  const embedded = process.env.BENCH_DATABASE_URL ? null : await startEmbeddedPostgres({ dir: ".data/bench-pg", port: Number(process.env.BENCH_PG_PORT ?? 5490), database: "postgres" });
  const server = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS mi_bench WITH (FORCE)`);
  await admin.query(`CREATE DATABASE mi_bench`);
  await admin.end();
  const url = withDatabase(server, "mi_bench");
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
  await migrateDatabase(url);
  await installQueueSchema(url);

  // Imported after DATABASE_URL is set: they open the one Prisma client.
  const { db } = await import("../lib/db/client");
  const { seedDemoUsers, seedFleet } = await import("../lib/demo/seed-demo");
  const { tokenFor } = await import("../lib/testing/api-client");
  const { benchList } = await import("./bench/list-bench");
  const { benchPages } = await import("./bench/page-bench");
  const { benchQueue } = await import("./bench/queue-bench");
  const { benchJobsLoad } = await import("./bench/jobs-load-bench");
  const { makeActor } = await import("../lib/testing/factories");

  const t = performance.now();
  await seedDemoUsers(db);
  const fleet = await seedFleet(db, COUNT);
  await db.$executeRawUnsafe("ANALYZE");
  console.log(`seeded ${fleet.length} instances in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const support = await tokenFor("support");
  const natIp = fleet.find((i) => i.natIps.length === 2)!.natIps[1];

  if (ONLY.has("list")) {
    console.log("\n== fleet list, in process ==");
    await benchList(url, support, natIp, ITER);
  }

  // Only the HTTP benchmarks need the production build.
  if (ONLY.has("pages") || ONLY.has("logs")) buildIfChanged((m) => console.log(m));
  const port = 3290;
  if (ONLY.has("pages")) console.log("\n== pages and API over HTTP ==");
  if (ONLY.has("pages")) await benchPages({ databaseUrl: url, port, secret: process.env.NEXTAUTH_SECRET!, email: "sam@example.com", slug: fleet[17].slug, iterations: ITER });

  console.log("\n== job engine ==");
  const operator = await makeActor("operator");
  if (ONLY.has("queue")) await benchQueue(url, operator, Math.min(ITER, 100));

  if (ONLY.has("logs")) await runLogBench(url, port, operator);
  if (ONLY.has("load")) await benchJobsLoad({ databaseUrl: url, actor: operator, slugs: fleet.filter((i) => i.status !== "deleted").slice(0, 100).map((i) => i.slug), jobs: 200, workers: 4 });
  if (ONLY.has("health")) {
    console.log("\n== health checks ==");
    const { benchHealth } = await import("./bench/health-bench");
    await benchHealth(url);
  }
  if (ONLY.has("notify")) {
    console.log("\n== notifications ==");
    const { benchNotify } = await import("./bench/notify-bench");
    const active = await db.instance.findMany({ where: { status: "active" }, select: { id: true }, take: 2000 });
    await benchNotify(url, operator, active.map((i) => i.id), Math.min(ITER, 200));
  }
  if (ONLY.has("provision")) {
    console.log("\n== provisioning (demo mode) ==");
    const { benchProvision } = await import("./bench/provision-bench");
    const r = await benchProvision({ databaseUrl: url, actor: operator });
    console.log(`  one full provisioning: ${r.status} in ${r.wallSeconds.toFixed(1)} s, ${r.humanActions} human action(s) (the manual runbook: ~20 steps, ~3 days; BENCHMARKS.md's previous figure, on the old path: 31.9 s)`);
    for (const s of r.steps) console.log(`    ${s.key.padEnd(22)} ${s.kind.padEnd(9)} ${s.status.padEnd(9)} ${s.seconds === null ? "" : `${s.seconds.toFixed(1)} s`}`);
    if (r.upgrade) {
      const u = r.upgrade;
      console.log(`  red/black upgrade of it (5.9.1 → 5.10.0): ${u.status} in ${u.wallSeconds.toFixed(1)} s; approvals waited ${u.approvalWaits.map((a) => `${a.key} ${a.seconds.toFixed(1)} s`).join(", ") || "none"}`);
      for (const s of u.steps) console.log(`    ${s.key.padEnd(22)} ${s.kind.padEnd(9)} ${s.status.padEnd(9)} ${s.seconds === null ? "" : `${s.seconds.toFixed(1)} s`}`);
    }
    if (r.handBuiltUpgrade) {
      const h = r.handBuiltUpgrade;
      const ratio = r.upgrade ? ` (${(h.wallSeconds / r.upgrade.wallSeconds).toFixed(2)}× the colour upgrade above, same run)` : "";
      console.log(`  red/black upgrade of a hand-built instance (its first colour, adopted into Terraform; 5.9.1 → 5.10.0): ${h.status} in ${h.wallSeconds.toFixed(1)} s${ratio}; approvals waited ${h.approvalWaits.map((a) => `${a.key} ${a.seconds.toFixed(1)} s`).join(", ") || "none"}`);
      for (const s of h.steps) console.log(`    ${s.key.padEnd(22)} ${s.kind.padEnd(9)} ${s.status.padEnd(9)} ${s.seconds === null ? "" : `${s.seconds.toFixed(1)} s`}`);
    }
  }

  await db.$disconnect();
  await embedded?.stop();
  process.exit(0);
}

async function runLogBench(url: string, port: number, operator: import("../lib/auth/actor").Actor) {
  const { benchLogs } = await import("./bench/log-bench");
  const { Children } = await import("./lib/children");
  const { waitForHttp, assertPortFree } = await import("./lib/wait-for-http");
  await assertPortFree(port);
  const { peakRss } = await import("./bench/rss");
  const web = new Children();
  const child = web.start("web", process.execPath, ["--import", "tsx", "server.ts"], {
    PORT: String(port),
    DEMO_MODE: "1",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    NODE_ENV: "production",
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 60_000);
  const webRss = peakRss(() => [child.pid!]);
  await benchLogs({ databaseUrl: url, port, secret: process.env.NEXTAUTH_SECRET!, email: "sam@example.com", actor: operator, iterations: ITER, lines: Number(process.env.BENCH_LOG_LINES ?? 50_000), viewers: 50 });
  const peak = Math.max(...webRss.stop().values());
  console.log(`  web peak RSS during the log benchmark: ${peak.toFixed(0)} MB (target ≤ 400 MB)`);
  await web.stopAll();
}

// Ctrl-C or a timeout: stop the servers this run started (they are process-group leaders).
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));

main().catch(async (e) => {
  console.error(e);
  process.exit(1);
});
