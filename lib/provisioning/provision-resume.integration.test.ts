import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDED_BILLING_ACCOUNT, type GcpEmulator } from "../../emulators/gcp";
import { db } from "../db/client";
import { checkoutDeployment } from "../deployments/checkout-deployment";
import { resolveWaitingStep } from "../jobs/control/resolve-waiting-step";
import { startInstanceJob } from "../jobs/start-instance-job";
import { LocalSecretStore } from "../secrets/local-secret-store";
import { createTerraformRunner, terraformGoogleEnv } from "../terraform";
import { makeActor } from "../testing/factories";
import { startProvisioningWorld, type ProvisioningWorld } from "../../test-support/provisioning-world";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker";
import { createInstance } from "./create-instance";
import { createInstanceSchema } from "./create-instance-schema";

/**
 * State lives in the instance's bucket, not on a worker's disk: worker A plans in its own
 * directory and is SIGKILLed; the job resumes on worker B, a separate process with an empty
 * directory of its own (as on another machine), and applies from the state in the bucket. A
 * third, fresh directory then sees the same state: nothing left to change.
 */
let world: ProvisioningWorld;
let gcp: GcpEmulator;
let tmp: string;
let workers: SpawnedWorker[];

beforeAll(async () => {
  world = await startProvisioningWorld({ certificateReadsAfterDns: 1, name: "provision-resume" });
  ({ gcp, tmp, workers } = world);
}, 60_000);

afterAll(() => world?.close());

const stepOf = async (jobId: string, key: string) => db.jobStep.findFirstOrThrow({ where: { jobId, key } });

describe("a provision job resumed on another worker", () => {
  it("applies from the state in the bucket, in an empty directory", async () => {
    const env = { ...world.env, BILLING_ACCOUNT: SEEDED_BILLING_ACCOUNT.replace("billingAccounts/", "") };
    const dirA = path.join(tmp, "worker-a");
    const dirB = path.join(tmp, "worker-b");
    const a = spawnWorker({ ...env, WORKER_ID: "worker-a", TERRAFORM_WORK_DIR: dirA });
    workers.push(a);
    const operator = await makeActor("operator");
    const { job } = await createInstance(operator, createInstanceSchema.parse({ slug: "resumeco", displayName: "Resume Co", version: "latest", machineType: "n1-standard-8", accessMode: "public_sso" }));

    await waitFor(async () => (await stepOf(job.id, "plan-deployment")).status === "succeeded", 120_000, "worker A's plan");
    a.proc.kill("SIGKILL");
    await a.stop();
    // A planned in its own directory; the plan (a local file) dies with its machine.
    expect(existsSync(path.join(dirA, "resumeco", "red", "plan.bin"))).toBe(true);
    expect((await stepOf(job.id, "apply-deployment")).status).toBe("pending");

    const b = spawnWorker({ ...env, WORKER_ID: "worker-b", TERRAFORM_WORK_DIR: dirB });
    workers.push(b);
    const done = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      return ["succeeded", "failed"].includes(j.status) ? j : null;
    }, 180_000, "the job to end on worker B");
    const log = (await db.jobLog.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");
    expect(done.status, `${done.error}\n${log.slice(-3000)}`).toBe("succeeded");
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(log).toContain("no saved plan on this worker");
    expect(existsSync(path.join(dirB, "resumeco", "red"))).toBe(true);

    // A third directory, as a person with the deploy key would have: no changes.
    const instance = await db.instance.findUniqueOrThrow({ where: { slug: "resumeco" } });
    const key = await new LocalSecretStore(path.join(tmp, "secrets")).get((instance.secretRefs as Record<string, string>).serviceAccountKey);
    for (const root of ["red", "infrastructure"]) {
      const dir = path.join(tmp, "third", root);
      await checkoutDeployment({ repo: path.join(tmp, "deployments.git"), slug: "resumeco", subdir: root, into: dir });
      const tf = createTerraformRunner({ workingDir: dir, env: terraformGoogleEnv({ credentialsJson: key, apiEndpoint: gcp.url }), secrets: [key] });
      expect((await tf.init()).ok).toBe(true);
      const plan = await tf.plan();
      expect(plan.ok, plan.errors.join("; ")).toBe(true);
      expect(plan.summary?.hasChanges).toBe(false);
    }
  }, 300_000);

  it("releases a dead run's lock through a force-unlock job, after a person approves", async () => {
    const operator = await makeActor("operator");
    const instance = await db.instance.findUniqueOrThrow({ where: { slug: "resumeco" } });
    const bucket = `${instance.gcpProjectId}-tfstate`;
    const lock = { ID: "x", Operation: "OperationTypeApply", Info: "", Who: "worker-a@gone", Version: "1.11.4", Created: "2026-11-26T06:00:00Z", Path: `gs://${bucket}/deployments/red/default.tflock` };
    const put = await fetch(`${gcp.url}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent("deployments/red/default.tflock")}&ifGenerationMatch=0`, {
      method: "POST",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: JSON.stringify(lock),
    });
    expect(put.status).toBe(200);
    const lockId = String(((await put.json()) as { generation: string }).generation);

    const job = await startInstanceJob(operator, "resumeco", { kind: "force-unlock", root: "red", lockId });
    await waitFor(async () => (await db.job.findUniqueOrThrow({ where: { id: job.id } })).status === "waiting", 60_000, "the approval");
    await resolveWaitingStep(operator, job.id, { kind: "approval", stepKey: "approve-unlock" });
    const done = await waitFor(async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      return ["succeeded", "failed"].includes(j.status) ? j : null;
    }, 120_000, "the unlock");
    expect(done.status, done.error ?? "").toBe("succeeded");
    const gone = await fetch(`${gcp.url}/storage/v1/b/${bucket}/o/${encodeURIComponent("deployments/red/default.tflock")}`, { headers: { authorization: "Bearer test" } });
    expect(gone.status).toBe(404);
  }, 180_000);
});
