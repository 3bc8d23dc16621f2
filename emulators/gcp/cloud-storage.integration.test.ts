import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { accessTokensOf, createProject } from "./state";
import { mintKeyFile, storageClient } from "./gcs-test-client";
import { TerraformSandbox } from "./terraform-test-runner";

/**
 * Real Terraform (1.11, its built-in `gcs` backend) against the emulator. The root module is
 * the production shape: `backend "gcs" {}` with bucket and prefix given at init, and endpoint
 * and credentials passed ONLY through environment variables, so rendered files are the same in
 * demo and production.
 */
const PROJECT = "sourcegraph-tfstate";
const BUCKET = "mi-tfstate-test";
const MAIN_TF = `terraform {
  backend "gcs" {}
}

variable "greeting" {
  type    = string
  default = "hello"
}

resource "terraform_data" "marker" {
  input = var.greeting
}

output "marker" {
  value = terraform_data.marker.output
}
`;
// Holds the state lock for as long as its provisioner sleeps.
const SLOW_TF = `terraform {
  backend "gcs" {}
}

resource "terraform_data" "slow" {
  provisioner "local-exec" {
    command = "sleep 6"
  }
}
`;

let emulator: GcpEmulator;
let tf: TerraformSandbox;
let gcs: ReturnType<typeof storageClient>;
let tokenEnv: Record<string, string>;

const init = (prefix: string) => ["init", "-no-color", `-backend-config=bucket=${BUCKET}`, `-backend-config=prefix=${prefix}`];

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  gcs = storageClient(emulator.url);
  tf = await TerraformSandbox.create();
  await createProject(emulator.pool, PROJECT);
  expect((await gcs.createBucket(PROJECT, BUCKET)).status).toBe(200);
  tokenEnv = { GOOGLE_BACKEND_STORAGE_CUSTOM_ENDPOINT: `${emulator.url}/storage/v1/`, GOOGLE_OAUTH_ACCESS_TOKEN: "demo-access-token" };
});
afterAll(async () => {
  await tf?.cleanup();
  await emulator?.close();
});

describe("Terraform's gcs backend against the emulator", () => {
  it("writes <prefix>/default.tfstate into the bucket, and a fresh directory sees the same state", async () => {
    const a = await tf.dir("a", { "main.tf": MAIN_TF });
    await tf.ok(a, init("instances/acme"), tokenEnv);
    await tf.ok(a, ["apply", "-auto-approve", "-no-color", "-var=greeting=from-a"], tokenEnv);

    const object = await gcs.get(BUCKET, "instances/acme/default.tfstate");
    expect(object.status).toBe(200);
    const state = (await gcs.media(BUCKET, "instances/acme/default.tfstate")).json();
    expect(state).toMatchObject({ version: 4, outputs: { marker: { value: "from-a" } } });
    expect(state.resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`)).toEqual(["terraform_data.marker"]);
    // The lock is released (deleted) after the apply.
    expect((await gcs.get(BUCKET, "instances/acme/default.tflock")).status).toBe(404);

    const b = await tf.dir("b", { "main.tf": MAIN_TF });
    await tf.ok(b, init("instances/acme"), tokenEnv);
    const plan = await tf.run(b, ["plan", "-no-color", "-detailed-exitcode", "-var=greeting=from-a"], tokenEnv);
    expect(plan.out).toContain("No changes.");
    expect(plan.code).toBe(0);
    expect(await tf.ok(b, ["output", "-raw", "marker"], tokenEnv)).toBe("from-a");

    // Workspaces are listed with objects.list(prefix, delimiter "/").
    await tf.ok(a, ["workspace", "new", "-no-color", "staging"], tokenEnv);
    expect((await gcs.get(BUCKET, "instances/acme/staging.tfstate")).status).toBe(200);
    expect(await tf.ok(b, ["workspace", "list", "-no-color"], tokenEnv)).toMatch(/default[\s\S]*staging/);
  });

  it("refuses a second terraform while the lock object exists, names its holder, and force-unlock deletes it", async () => {
    const b = await tf.dir("b", { "main.tf": MAIN_TF });
    await tf.ok(b, init("instances/acme"), tokenEnv);
    const lockInfo = {
      ID: "6c0f9e8a-1b7d-4d0e-9b51-3f2a1c9e4d77",
      Operation: "OperationTypeApply",
      Info: "",
      Who: "worker-7@mi-worker-7",
      Version: "1.11.4",
      Created: new Date().toISOString(),
      Path: `gs://${BUCKET}/instances/acme/default.tflock`,
    };
    const lock = await gcs.put(BUCKET, "instances/acme/default.tflock", JSON.stringify(lockInfo), "ifGenerationMatch=0");
    expect(lock.status).toBe(200);
    const generation: string = lock.json().generation;

    const blocked = await tf.run(b, ["plan", "-no-color", "-var=greeting=from-a"], tokenEnv);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain("Error acquiring the state lock");
    expect(blocked.out).toContain("worker-7@mi-worker-7");
    // The gcs backend reports the lock object's generation as the lock ID.
    expect(blocked.out).toMatch(new RegExp(`ID:\\s+${generation}`));

    // A wrong ID is refused (the delete's ifGenerationMatch fails with 412) and the lock stays.
    const wrong = await tf.run(b, ["force-unlock", "-force", "-no-color", String(BigInt(generation) - 1n)], tokenEnv);
    expect(wrong.code).toBe(1);
    expect((await gcs.get(BUCKET, "instances/acme/default.tflock")).status).toBe(200);

    expect(await tf.ok(b, ["force-unlock", "-force", "-no-color", generation], tokenEnv)).toContain("successfully unlocked");
    expect((await gcs.get(BUCKET, "instances/acme/default.tflock")).status).toBe(404);
    expect(await tf.ok(b, ["plan", "-no-color", "-var=greeting=from-a"], tokenEnv)).toContain("No changes.");
  });

  it("holds the lock during a real apply: a concurrent plan fails naming it, and succeeds after", async () => {
    const c = await tf.dir("c", { "main.tf": SLOW_TF });
    const d = await tf.dir("d", { "main.tf": SLOW_TF });
    await tf.ok(c, init("instances/slow"), tokenEnv);
    await tf.ok(d, init("instances/slow"), tokenEnv);
    const apply = tf.start(c, ["apply", "-auto-approve", "-no-color"], tokenEnv);
    const held = await waitFor(async () => {
      const r = await gcs.media(BUCKET, "instances/slow/default.tflock");
      return r.status === 200 ? { info: r.json(), generation: r.headers.get("x-goog-generation")! } : undefined;
    });
    expect(held.info).toMatchObject({ Operation: "OperationTypeApply", Path: `gs://${BUCKET}/instances/slow/default.tflock` });

    const blocked = await tf.run(d, ["plan", "-no-color"], tokenEnv);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain("Error acquiring the state lock");
    expect(blocked.out).toContain(held.info.Who);
    expect(blocked.out).toMatch(new RegExp(`ID:\\s+${held.generation}`));

    const applied = await apply.done;
    expect(applied.code, applied.out).toBe(0);
    expect((await gcs.get(BUCKET, "instances/slow/default.tflock")).status).toBe(404);
    expect(await tf.ok(d, ["plan", "-no-color"], tokenEnv)).toContain("No changes.");
  });

  it("authenticates with a service-account key minted by the IAM emulator, via the emulator's /token", async () => {
    const key = await mintKeyFile(emulator.url, PROJECT, "terraform-state");
    expect(key.token_uri).toBe(`${emulator.url}/token`);
    const keyEnv = { GOOGLE_BACKEND_STORAGE_CUSTOM_ENDPOINT: `${emulator.url}/storage/v1/`, GOOGLE_CREDENTIALS: JSON.stringify(key) };
    const e = await tf.dir("e", { "main.tf": MAIN_TF });
    await tf.ok(e, init("instances/keyed"), keyEnv);
    await tf.ok(e, ["apply", "-auto-approve", "-no-color", "-var=greeting=keyed"], keyEnv);
    expect((await gcs.media(BUCKET, "instances/keyed/default.tfstate")).json().outputs.marker.value).toBe("keyed");

    const grants = await accessTokensOf(emulator.pool, key.client_email);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.grantType === "jwt-bearer" && g.keyId === key.private_key_id)).toBe(true);
    expect(grants[0].scope).toContain("https://www.googleapis.com/auth/devstorage");

    // GOOGLE_BACKEND_CREDENTIALS: the backend-only variable (the google provider ignores it).
    const backendKey = await mintKeyFile(emulator.url, PROJECT, "backend-only");
    const backendEnv = { GOOGLE_BACKEND_STORAGE_CUSTOM_ENDPOINT: `${emulator.url}/storage/v1/`, GOOGLE_BACKEND_CREDENTIALS: JSON.stringify(backendKey) };
    const f = await tf.dir("f", { "main.tf": MAIN_TF });
    await tf.ok(f, init("instances/keyed"), backendEnv);
    expect(await tf.ok(f, ["plan", "-no-color", "-var=greeting=keyed"], backendEnv)).toContain("No changes.");
    expect((await accessTokensOf(emulator.pool, backendKey.client_email)).length).toBeGreaterThan(0);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
