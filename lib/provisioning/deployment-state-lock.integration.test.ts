import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, startGcpEmulator, type GcpEmulator } from "../../emulators/gcp";
import { mintKeyFile, storageClient } from "../../emulators/gcp/gcs-test-client";
import { StepError } from "../runbooks/types";
import { createTerraformRunner, terraformGoogleEnv, type TerraformRunner } from "../terraform";
import { checkTerraform } from "./step-helpers";

/**
 * Two runs on one deployment's state: Terraform's lock in the bucket (a `.tflock` object
 * created with ifGenerationMatch=0) stops the second, and the step error names who holds it
 * and how to release a dead run's lock. Runs the real terraform with the deploy key, as the
 * provisioning steps do.
 */
const PROJECT = "sourcegraph-managed-lockco";
const BUCKET = `${PROJECT}-tfstate`;
let gcp: GcpEmulator;
let tmp: string;
let key: string;

beforeAll(async () => {
  gcp = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await createProject(gcp.pool, PROJECT);
  expect((await storageClient(gcp.url).createBucket(PROJECT, BUCKET)).status).toBe(200);
  key = JSON.stringify(await mintKeyFile(gcp.url, PROJECT, "deploy"));
  tmp = await mkdtemp(path.join(os.tmpdir(), "state-lock-"));
}, 60_000);

afterAll(async () => {
  await gcp?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * A root like the rendered ones (state under a prefix of the instance's bucket). While the file
 * `hold_while` names exists, the apply stays open, holding the lock; the test removes it.
 */
async function root(name: string): Promise<TerraformRunner> {
  const dir = path.join(tmp, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, "main.tf"),
    `terraform {\n  backend "gcs" {\n    bucket = "${BUCKET}"\n    prefix = "deployments/red"\n  }\n}\n` +
      `variable "hold_while" {\n  type    = string\n  default = ""\n}\n` +
      `resource "terraform_data" "vm" {\n  input = var.hold_while\n  provisioner "local-exec" {\n    command = "while [ -n \\"\${var.hold_while}\\" ] && [ -e \\"\${var.hold_while}\\" ]; do sleep 0.1; done"\n  }\n}\n`,
  );
  return createTerraformRunner({ workingDir: dir, env: terraformGoogleEnv({ credentialsJson: key, apiEndpoint: gcp.url }), secrets: [key], lockTimeout: "1s" });
}

/** Waits until the first run's lock object is in the bucket: no guess at how long terraform takes to start. */
async function lockTaken(): Promise<void> {
  const storage = storageClient(gcp.url);
  const deadline = Date.now() + 60_000;
  while ((await storage.get(BUCKET, "deployments/red/default.tflock")).status !== 200) {
    if (Date.now() > deadline) throw new Error("the first apply never took the state lock");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the deployment's state lock", () => {
  it("stops a second run while the first applies, naming the holder", async () => {
    const first = await root("first");
    const second = await root("second");
    checkTerraform(await first.init(), first.workingDir);
    checkTerraform(await second.init(), second.workingDir);
    const gate = path.join(tmp, "hold");
    await writeFile(gate, "");
    const plan = checkTerraform(await first.plan({ variables: { hold_while: gate } }), first.workingDir);
    const applying = first.apply({ expectedPlanSha256: plan.planSha256! });
    await lockTaken();

    const blocked = await second.plan();
    expect(blocked.ok).toBe(false);
    expect(blocked.knownFailure?.code).toBe("state_locked");
    expect(blocked.knownFailure?.lock?.who).toMatch(/@/);
    expect(blocked.knownFailure?.lock?.operation).toBe("OperationTypeApply");
    const error = (() => {
      try {
        checkTerraform(blocked, second.workingDir);
      } catch (e) {
        return e as StepError;
      }
    })();
    expect(error?.message).toMatch(/Error acquiring the state lock/);
    expect(error?.remedy).toMatch(/is held by .*@.* \(apply\)/);
    expect(error?.remedy).toContain(`terraform force-unlock ${blocked.knownFailure?.lock?.id}`);

    await rm(gate);
    expect((await applying).ok).toBe(true);
    expect((await second.plan()).ok).toBe(true);
  }, 120_000);

  it("names a dead run's lock left in the bucket, and force-unlock releases it", async () => {
    const runner = await root("after-crash");
    checkTerraform(await runner.init(), runner.workingDir);
    const lockInfo = { ID: "dead-run", Operation: "OperationTypePlan", Info: "", Who: "worker-a@crashed-host", Version: "1.11.4", Created: "2026-11-26T06:00:00Z", Path: `gs://${BUCKET}/deployments/red/default.tflock` };
    const put = await storageClient(gcp.url).put(BUCKET, "deployments/red/default.tflock", JSON.stringify(lockInfo), "ifGenerationMatch=0");
    expect(put.status).toBe(200);
    const lockId = String(put.json().generation);

    const blocked = await runner.plan();
    expect(blocked.knownFailure).toMatchObject({ code: "state_locked", lock: { who: "worker-a@crashed-host", id: lockId } });
    expect(blocked.knownFailure?.title).toContain("worker-a@crashed-host (plan) since 2026-11-26 06:00:00");

    const unlocked = await runner.forceUnlock(lockId);
    expect(unlocked.ok, unlocked.errors.join("; ")).toBe(true);
    expect((await runner.plan()).ok).toBe(true);
  }, 120_000);
});
