import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Actor } from "../../lib/auth/actor";

export interface UpgradeBenchResult {
  wallSeconds: number;
  status: string;
  /** Per approval step: seconds from waiting to approved (a bot approves at once: the machine's part). */
  approvalWaits: { key: string; seconds: number }[];
  steps: { key: string; kind: string; status: string; seconds: number | null }[];
}

export interface ProvisionBenchResult {
  /** The same instance upgraded red/black right after (5.10.0 → 5.10.2 is not red/black-only; 5.9.1 → 5.10.0 is). */
  upgrade: UpgradeBenchResult | null;
  /** A hand-built instance (VM prod) upgraded red/black in the same run: its first colour, adopting it into Terraform. */
  handBuiltUpgrade: UpgradeBenchResult | null;
  wallSeconds: number;
  /** Tasks a person had to do (ticks and approvals); the runbook by hand needed ~23 steps. */
  humanActions: number;
  status: string;
  steps: { key: string; kind: string; status: string; seconds: number | null }[];
}

/**
 * One full provisioning in demo mode: emulated GCP and Sourcegraph, real terraform on the
 * offline fixture modules (state in the emulated bucket, deployment committed to a bare git
 * repository, Sourcegraph reached through the fake gcloud's IAP tunnel), a real worker. Human tasks are ticked as soon as they come
 * up (and counted), so the wall time is the machine's part. The certificate is made to
 * provision after `certificateReads` polls one second apart; production waits hours.
 * Needs DATABASE_URL (a migrated database with the queue schema) in process.env.
 */
export async function benchProvision(opts: { databaseUrl: string; actor: Actor; certificateReads?: number; timeoutMs?: number }): Promise<ProvisionBenchResult> {
  const { startGcpEmulator } = await import("../../emulators/gcp");
  const { startSourcegraphEmulator } = await import("../../emulators/sourcegraph");
  const { createInstance } = await import("../../lib/provisioning/create-instance");
  const { createInstanceSchema } = await import("../../lib/provisioning/create-instance-schema");
  const { resolveWaitingStep } = await import("../../lib/jobs/control/resolve-waiting-step");
  const { linkBilling } = await import("../../lib/gcp");
  const { projectIdForSlug } = await import("../../lib/instances/slug");
  const { SEEDED_BILLING_ACCOUNT } = await import("../../emulators/gcp");

  const { provisioningTestEnv } = await import("../../test-support/provisioning-env");
  const gcp = await startGcpEmulator({ databaseUrl: opts.databaseUrl, port: 0, certificateReadsAfterDns: opts.certificateReads ?? 3 });
  const sourcegraph = await startSourcegraphEmulator({ databaseUrl: opts.databaseUrl, port: 0 });
  // The person linking billing in the console calls the emulator too.
  Object.assign(process.env, { GCP_API_ENDPOINT: gcp.url, GCP_ACCESS_TOKEN: "bench" });
  const tmp = await mkdtemp(path.join(os.tmpdir(), "provision-bench-"));
  const worker = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      ...provisioningTestEnv({ gcpUrl: gcp.url, sourcegraphUrl: sourcegraph.url, tmp }),
      // A person links billing in the console and ticks the task: counted as one human action.
      BILLING_ACCOUNT: "",
      CERTIFICATE_POLL_MS: "1000",
      UPGRADE_HEALTH_POLL_MS: "1000",
      BOOT_POLL_MS: "250",
    },
    stdio: "ignore",
  });
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 2 });
  try {
    const slug = `bench-${randomBytes(3).toString("hex")}`;
    const input = createInstanceSchema.parse({
      slug,
      displayName: "Bench Corp",
      version: "5.9.1",
      machineType: "n1-standard-8",
      dataDiskSizeGb: 500,
      zone: "us-central1-f",
      accessMode: "public_sso",
      allowlistCidrs: [],
    });
    const t0 = performance.now();
    const { job } = await createInstance(opts.actor, input);
    let humanActions = 0;
    let status = "queued";
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    while (Date.now() < deadline) {
      const { rows } = await pool.query<{ status: string }>(`SELECT status FROM job WHERE id = $1`, [job.id]);
      status = rows[0].status;
      if (status === "succeeded" || status === "failed" || status === "cancelled") break;
      if (status === "waiting") {
        const { rows: waiting } = await pool.query<{ key: string; kind: "human" | "approval" }>(`SELECT key, kind FROM job_step WHERE job_id = $1 AND status = 'waiting'`, [job.id]);
        for (const w of waiting) {
          if (w.key === "link-billing") await linkBilling({ projectId: projectIdForSlug(input.slug), billingAccount: SEEDED_BILLING_ACCOUNT });
          await resolveWaitingStep(opts.actor, job.id, { kind: w.kind, stepKey: w.key });
          humanActions++;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    const { rows: steps } = await pool.query<{ key: string; kind: string; status: string; seconds: number | null }>(
      `SELECT key, kind, status, EXTRACT(EPOCH FROM finished_at - started_at)::float AS seconds FROM job_step WHERE job_id = $1 ORDER BY position`,
      [job.id],
    );
    const upgrade = status === "succeeded" ? await benchUpgrade(pool, opts.actor, slug, opts.timeoutMs ?? 600_000) : null;
    const handBuilt = await seedHandBuiltInstance(gcp.pool, sourcegraph.pool, path.join(tmp, "secrets"));
    const handBuiltUpgrade = await benchUpgrade(pool, opts.actor, handBuilt, opts.timeoutMs ?? 600_000);
    return { wallSeconds, humanActions, status, steps, upgrade, handBuiltUpgrade };
  } finally {
    await new Promise((r) => {
      if (worker.exitCode !== null) return r(null);
      worker.once("exit", r);
      worker.kill("SIGTERM");
    });
    await pool.end();
    await sourcegraph.close();
    await gcp.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** An instance built by hand from the runbook (VM prod behind prod-neg) at 5.9.1, in our records with its access token. */
async function seedHandBuiltInstance(gcpPool: pg.Pool, sourcegraphPool: pg.Pool, secretsDir: string): Promise<string> {
  const { handBuiltProjectRows } = await import("../../emulators/seed-hand-built");
  const { upsertMany } = await import("../../emulators/gcp/store");
  const { seedInstance } = await import("../../emulators/sourcegraph/state");
  const { makeInstance } = await import("../../lib/testing/factories");
  const { LocalSecretStore } = await import("../../lib/secrets");
  const { db } = await import("../../lib/db/client");
  const instance = await makeInstance({ version: "5.9.1" });
  await upsertMany(gcpPool, handBuiltProjectRows({ project: instance.gcpProjectId, zone: instance.zone, region: instance.region, dataDiskSizeGb: 500 }));
  const token = `sgp_bench_${randomBytes(16).toString("hex")}`;
  await seedInstance(sourcegraphPool, { slug: instance.slug, version: "5.9.1", accessTokens: [token] });
  const ref = await new LocalSecretStore(secretsDir).put(`sourcegraph-token-${instance.slug}`, token);
  await db.instance.update({ where: { id: instance.id }, data: { secretRefs: { sourcegraphToken: ref } } });
  return instance.slug;
}

/** A red/black upgrade (5.9.1 → 5.10.0), approvals given as soon as asked. */
async function benchUpgrade(pool: pg.Pool, actor: Actor, slug: string, timeoutMs: number): Promise<UpgradeBenchResult> {
  const { startInstanceJob } = await import("../../lib/jobs/start-instance-job");
  const { resolveWaitingStep } = await import("../../lib/jobs/control/resolve-waiting-step");
  const t0 = performance.now();
  const job = await startInstanceJob(actor, slug, { kind: "upgrade", version: "5.10.0" });
  const approvalWaits: { key: string; seconds: number }[] = [];
  let status = "queued";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ status: string }>(`SELECT status FROM job WHERE id = $1`, [job.id]);
    status = rows[0].status;
    if (["succeeded", "failed", "cancelled"].includes(status)) break;
    if (status === "waiting") {
      const { rows: waiting } = await pool.query<{ key: string; waited: number }>(
        `SELECT key, EXTRACT(EPOCH FROM now() - started_at)::float AS waited FROM job_step WHERE job_id = $1 AND status = 'waiting'`,
        [job.id],
      );
      for (const w of waiting) {
        await resolveWaitingStep(actor, job.id, { kind: "approval", stepKey: w.key });
        approvalWaits.push({ key: w.key, seconds: w.waited });
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const { rows: steps } = await pool.query<{ key: string; kind: string; status: string; seconds: number | null }>(
    `SELECT key, kind, status, EXTRACT(EPOCH FROM finished_at - started_at)::float AS seconds FROM job_step WHERE job_id = $1 ORDER BY position`,
    [job.id],
  );
  return { wallSeconds, status, approvalWaits, steps };
}
