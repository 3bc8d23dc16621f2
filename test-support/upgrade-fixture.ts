import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startGcpEmulator, type GcpEmulator } from "../emulators/gcp";
import { upsertMany } from "../emulators/gcp/store";
import { handBuiltProjectRows } from "../emulators/seed-hand-built";
import { provisioningTestEnv } from "./provisioning-env";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../emulators/sourcegraph/server";
import { seedInstance, getInstance, setFaults } from "../emulators/sourcegraph/state";
import { db } from "../lib/db/client";
import { getBackendTarget } from "../lib/gcp";
import { resolveWaitingStep } from "../lib/jobs/control/resolve-waiting-step";
import type { Actor } from "../lib/auth/actor";
import { LocalSecretStore } from "../lib/secrets";
import { MAINTENANCE_NOTICE_PREFIX } from "../lib/sourcegraph";
import { makeInstance } from "../lib/testing/factories";
import { spawnWorker, waitFor, type SpawnedWorker } from "../lib/testing/spawn-worker";

export interface UpgradeWorld {
  gcp: GcpEmulator;
  sourcegraph: SourcegraphEmulator;
  worker: SpawnedWorker;
  secretsDir: string;
  close(): Promise<void>;
}

/**
 * Both emulators in this process and a real worker configured as demo mode configures it (the
 * Terraform fixture modules, a deployments repository and state buckets in the emulator), with
 * the test-only failure hook switched on. Instances are seeded as the runbook built them.
 */
export async function startUpgradeWorld(extraEnv: Record<string, string> = {}): Promise<UpgradeWorld> {
  const gcp = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0, certificateReadsAfterDns: 1 });
  const sourcegraph = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  const tmp = await mkdtemp(path.join(os.tmpdir(), "upgrade-world-"));
  const env = provisioningTestEnv({ gcpUrl: gcp.url, sourcegraphUrl: sourcegraph.url, tmp });
  // The test process reads the same GCP and secret store as the worker.
  process.env.GCP_API_ENDPOINT = gcp.url;
  process.env.GCP_ACCESS_TOKEN = "test";
  process.env.SECRETS_DIR = env.SECRETS_DIR;
  process.env.SOURCEGRAPH_BASE_URL_TEMPLATE = env.SOURCEGRAPH_BASE_URL_TEMPLATE;
  const worker = spawnWorker({
    ...env,
    UPGRADE_FAULT_INJECTION: "1",
    UPGRADE_HEALTH_POLL_MS: "300",
    UPGRADE_HEALTH_TIMEOUT_MS: "15000",
    WORKER_CONCURRENCY: "8",
    ...extraEnv,
  });
  return {
    gcp,
    sourcegraph,
    worker,
    secretsDir: env.SECRETS_DIR,
    async close() {
      await worker.stop();
      await gcp.close();
      await sourcegraph.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** An instance in our records, built by hand as the runbook did (VM prod behind prod-neg), and its emulated frontend. */
export async function seedUpgradableInstance(world: UpgradeWorld, version = "5.9.0") {
  const instance = await makeInstance({ version });
  await upsertMany(world.gcp.pool, handBuiltProjectRows({ project: instance.gcpProjectId, zone: instance.zone, region: instance.region, dataDiskSizeGb: 500 }));
  const token = `sgp_${instance.id.replaceAll("-", "").slice(0, 40).padEnd(40, "0")}`;
  await seedInstance(world.sourcegraph.pool, { slug: instance.slug, version, accessTokens: [token] });
  const ref = await new LocalSecretStore(world.secretsDir).put(`sourcegraph-token-${instance.slug}`, token);
  return db.instance.update({ where: { id: instance.id }, data: { secretRefs: { sourcegraphToken: ref } } });
}

/**
 * Makes the colour an upgrade builds unhealthy as soon as its VM has booted (a fault on the
 * old deployment does not travel: each colour runs its own containers). Returns when armed.
 */
export async function armUnhealthyNewColour(world: UpgradeWorld, instance: { gcpProjectId: string; zone: string }, vm = "prod-red"): Promise<void> {
  const target = { kind: "vm" as const, project: instance.gcpProjectId, zone: instance.zone, vm };
  await waitFor(async () => ((await setFaults(world.sourcegraph.pool, target, { unhealthyContainers: ["gitserver-0"] })) ? true : null), 240_000, `${vm} to boot`);
}

const ENDED = ["succeeded", "failed", "cancelled"];

/** Approves every approval step the job stops at, until it ends. */
export async function driveJob(actor: Actor, jobId: string, timeoutMs = 120_000) {
  return waitFor(async () => {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (ENDED.includes(job.status)) return job;
    if (job.status === "waiting") await resolveWaitingStep(actor, jobId, { kind: "approval" }).catch(() => {});
    return null;
  }, timeoutMs, `job ${jobId} to end`);
}

export async function jobLog(jobId: string): Promise<string> {
  return (await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");
}

/** What a user of the instance would see now. */
export async function observe(world: UpgradeWorld, instance: { slug: string; gcpProjectId: string }) {
  const emulated = (await getInstance(world.sourcegraph.pool, instance.slug))!;
  const target = await getBackendTarget({ project: instance.gcpProjectId });
  return {
    databaseReadOnly: emulated.databaseReadOnly,
    noticeUp: (emulated.settings.contents ?? "").includes(MAINTENANCE_NOTICE_PREFIX),
    version: emulated.version,
    serving: target?.name,
  };
}
