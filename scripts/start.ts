/**
 * `npm start`: everything for demo mode in one command.
 *   embedded Postgres (unless DATABASE_URL is set) → migrations → demo fleet (once) →
 *   local emulators → worker → Next.js (built when sources changed) on PORT (default 3000).
 * Ctrl-C stops every child and Postgres; the next start reuses .data/.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";
import { installQueueSchema } from "../lib/jobs/queue";
import { Children } from "./lib/children";
import { buildIfChanged } from "./lib/build-if-changed";
import { waitForHttp } from "./lib/wait-for-http";
import { prepareDemoData } from "./lib/prepare-demo-data";
import { demoDefaults } from "../lib/config/demo-defaults";
import { fromRepoRoot } from "../lib/config/repo-root";

const dataDir = fromRepoRoot(process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const demo = !process.env.DATABASE_URL || process.env.DEMO_MODE === "1";
const children = new Children();
let pg: EmbeddedDatabase | undefined;
let stopping = false;

async function main() {
  mkdirSync(dataDir, { recursive: true });
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log(`starting embedded Postgres in ${path.relative(process.cwd(), dataDir)}/pg`);
    pg = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), port: Number(process.env.PG_PORT ?? 5433), database: "managed_instances" });
    databaseUrl = pg.url;
  }
  const migrated = await migrateDatabase(databaseUrl, log);
  await installQueueSchema(databaseUrl);
  log(`database ready (${migrated.applied.length} migration(s) applied now, ${migrated.alreadyApplied} before)`);

  const env: Record<string, string | undefined> = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret(path.join(dataDir, "nextauth-secret")),
  };
  if (demo) {
    // Demo mode's settings live in one place: lib/config/demo-defaults.ts.
    const standIns = { fakeGcloudDir: fromRepoRoot("emulators/fake-gcloud"), terraformFixturesDir: fromRepoRoot("emulators/terraform-fixtures") };
    const defaults = demoDefaults({ env: process.env, dataDir, port, standIns });
    const emulatorPort = defaults.gcpEmulatorPort;
    const sourcegraphPort = defaults.sourcegraphEmulatorPort;
    Object.assign(env, defaults.env);
    Object.assign(process.env, { SECRETS_DIR: env.SECRETS_DIR });
    const tokens = await prepareDemoData(databaseUrl, { count: Number(process.env.DEMO_FLEET_SIZE ?? 40), tokensFile: path.join(dataDir, "demo-tokens.json") });
    log(`demo API tokens (also in ${path.relative(process.cwd(), dataDir)}/demo-tokens.json):`);
    for (const [role, token] of Object.entries(tokens)) log(`  ${role.padEnd(8)} ${token}`);
    children.start("gcp-emulator", process.execPath, ["--import", "tsx", "emulators/gcp/main.ts"], { ...env, GCP_EMULATOR_PORT: String(emulatorPort) });
    children.start("sourcegraph-emulator", process.execPath, ["--import", "tsx", "emulators/sourcegraph/main.ts"], { ...env, SOURCEGRAPH_EMULATOR_PORT: String(sourcegraphPort) });
  }
  const startWorker = () => children.start("worker", process.execPath, ["--import", "tsx", "workers/main.ts"], env);
  if (process.env.START_WORKER !== "0") startWorker();
  buildIfChanged(log);
  if (stopping) return;
  children.start("web", process.execPath, ["--import", "tsx", "server.ts"], { ...env, NODE_ENV: "production" });
  const restarts: number[] = [];
  children.onExit = (name, code) => {
    if (stopping) return;
    // A crashed worker is restarted (its jobs resume: see the README); anything else, or a
    // worker crashing in a loop, stops everything.
    restarts.push(Date.now());
    const recent = restarts.filter((t) => Date.now() - t < 60_000).length;
    if (name === "worker" && recent <= 5) {
      log(`worker exited (code ${code}); restarting it`);
      setTimeout(() => !stopping && startWorker(), 1_000);
      return;
    }
    log(`${name} exited (code ${code}); stopping everything`);
    void shutdown(1);
  };
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
  log(`ready: http://localhost:${port}${demo ? "  (demo mode: sign in as any seeded user)" : ""}`);
}

function persistentSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await children.stopAll();
  await pg?.stop().catch(() => {});
  log("stopped");
  process.exit(code);
}

function log(message: string) {
  console.log(`[start] ${message}`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch(async (e) => {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  await shutdown(1);
});
