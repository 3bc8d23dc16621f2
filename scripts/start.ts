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
import { demoProvisioningEnv } from "./lib/demo-provisioning-env";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
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

  const emulatorPort = Number(process.env.GCP_EMULATOR_PORT ?? port + 1010);
  const sourcegraphPort = Number(process.env.SOURCEGRAPH_EMULATOR_PORT ?? port + 1020);
  const env: Record<string, string | undefined> = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret(path.join(dataDir, "nextauth-secret")),
  };
  if (demo) {
    Object.assign(env, {
      DEMO_MODE: "1",
      GCP_API_ENDPOINT: process.env.GCP_API_ENDPOINT ?? `http://127.0.0.1:${emulatorPort}`,
      GCP_ACCESS_TOKEN: "demo-emulator-token",
      SECRETS_DIR: path.join(dataDir, "secrets"),
      // Every instance's Sourcegraph is the emulator, at /i/<slug>.
      SOURCEGRAPH_BASE_URL_TEMPLATE: process.env.SOURCEGRAPH_BASE_URL_TEMPLATE ?? `http://127.0.0.1:${sourcegraphPort}/i/{slug}`,
      // `gcloud compute ssh` reaches the emulated VMs through the fake gcloud.
      PATH: `${path.resolve("emulators/fake-gcloud")}${path.delimiter}${process.env.PATH}`,
      SOURCEGRAPH_EMULATOR_URL: `http://127.0.0.1:${sourcegraphPort}`,
      // The emulated releases feed (emulators/sourcegraph/release-feed.ts): workers sync it hourly, admins on /releases.
      RELEASES_FEED_URL: process.env.RELEASES_FEED_URL ?? `http://127.0.0.1:${sourcegraphPort}/releases.json`,
      // Notification channels may point at receivers on this machine over http (lib/notify/channel-url.ts).
      NOTIFY_ALLOW_INSECURE_URLS: process.env.NOTIFY_ALLOW_INSECURE_URLS ?? "1",
      // The seeded fleet is "created" weeks ago: every instance would be due for a scheduled
      // snapshot at once. The demo takes snapshots by hand (instance page); BACKUP_SCHEDULE=1 turns the schedule on.
      BACKUP_SCHEDULE: process.env.BACKUP_SCHEDULE ?? "0",
      ...demoProvisioningEnv(dataDir),
    });
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
