import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureCompute } from "../gcp/compute-settings";
import { startGcpEmulator, type GcpEmulator } from "../gcp/server";
import { createProject } from "../gcp/state";
import { providerEnv } from "./testing/provider-env";
import { TerraformCli } from "./testing/terraform-cli";

/**
 * Refresh (README, "Refresh"): a plan of the fixtures reads the live resources back from the
 * emulator, so a change made through the GCP API behind Terraform's back is a change in the
 * plan (`-detailed-exitcode` 2), the apply converges it, and the plan after is clean (0).
 */
const PROJECT = "sourcegraph-managed-drift";
const ZONE = "us-central1-f";
const FIXTURES = path.resolve(import.meta.dirname);
const C = `/compute/v1/projects/${PROJECT}`;

let emulator: GcpEmulator;
let tf: TerraformCli;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  configureCompute(emulator.pool, { certificateReadsAfterDns: 1 });
  await createProject(emulator.pool, PROJECT);
  tf = await TerraformCli.create();
  env = providerEnv(emulator.url);
});

afterAll(async () => {
  await tf?.close();
  await emulator?.close();
});

async function gcp(method: string, pathname: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${emulator.url}${pathname}`, {
    method,
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
  if (json.kind === "compute#operation" && !pathname.endsWith("/wait")) await gcp("POST", `${C}/${json.zone ? `zones/${ZONE}` : "global"}/operations/${json.name}/wait`);
  return json;
}

function root(module: string, args: Record<string, unknown>): Record<string, string> {
  const lines = Object.entries(args).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
  return { "main.tf": [`module "m" {`, `  source = ${JSON.stringify(path.join(FIXTURES, module))}`, ...lines, `}`, ""].join("\n") };
}

const red = root("deployment", {
  project_id: PROJECT,
  zone: ZONE,
  slug: "drift",
  colour: "red",
  machine_type: "n2-standard-4",
  data_disk_size_gb: 100,
  sourcegraph_version: "5.10.1",
  deploy_ref: "v5.10.1",
});
const front = root("instance", {
  project_id: PROJECT,
  region: "us-central1",
  zone: ZONE,
  slug: "drift",
  domain: "drift.sourcegraph.com",
  access_mode: "ip_allowlist",
  allowlist_cidrs: ["203.0.113.0/24"],
  serving_colour: "red",
});

/** `plan -detailed-exitcode`: 0 no changes, 2 changes; the output names what changes. */
async function plan(name: string) {
  const dir = await tf.dir(name, {});
  return tf.run(dir, ["plan", "-detailed-exitcode", "-input=false"], env);
}

describe("the fixtures refresh from the emulator at plan time", () => {
  it("a fresh apply plans clean", async () => {
    for (const [name, files] of [["red", red], ["front", front]] as const) {
      const applied = await tf.apply(await tf.dir(name, files), env);
      expect(applied.code, applied.out).toBe(0);
      const again = await plan(name);
      expect(again.code, again.out).toBe(0);
    }
  });

  it("a machine type changed behind Terraform's back is a change in the plan; the apply converges it and the next plan is clean", async () => {
    const vm = `${C}/zones/${ZONE}/instances/prod-red`;
    await gcp("POST", `${vm}/stop`);
    await gcp("POST", `${vm}/setMachineType`, { machineType: `zones/${ZONE}/machineTypes/n2-standard-8` });
    await gcp("POST", `${vm}/start`);

    const drifted = await plan("red");
    expect(drifted.code, drifted.out).toBe(2);
    expect(drifted.out).toContain("module.m.terraform_data.vm_settings must be replaced");
    expect(drifted.out).toContain("1 to add, 0 to change, 1 to destroy");

    const applied = await tf.run(await tf.dir("red", {}), ["apply", "-auto-approve", "-input=false"], env);
    expect(applied.code, applied.out).toBe(0);
    expect((await gcp("GET", vm)).machineType).toMatch(/\/machineTypes\/n2-standard-4$/);
    const clean = await plan("red");
    expect(clean.code, clean.out).toBe(0);
  });

  it("a grown disk, a removed allowlist rule and a re-pointed backend service each show; the plan names the resource", async () => {
    await gcp("POST", `${C}/zones/${ZONE}/disks/prod-red-data/resize`, { sizeGb: "200" });
    const disk = await plan("red");
    expect(disk.code, disk.out).toBe(2);
    expect(disk.out).toContain("module.m.terraform_data.data_disk_size must be replaced");

    await gcp("POST", `${C}/global/securityPolicies/prod-allowlist/removeRule?priority=1000`);
    const rules = await plan("front");
    expect(rules.code, rules.out).toBe(2);
    expect(rules.out).toContain("module.m.terraform_data.allowlist_rules[0] must be replaced");

    const applied = await tf.run(await tf.dir("front", {}), ["apply", "-auto-approve", "-input=false"], env);
    expect(applied.code, applied.out).toBe(0);
    const policy = await gcp("GET", `${C}/global/securityPolicies/prod-allowlist`);
    expect(policy.rules.map((r: { priority: number }) => r.priority)).toEqual([1000, 2147483647]);
    expect((await plan("front")).code).toBe(0);

    await gcp("POST", `${C}/global/backendServices/prod-backend-service/setSecurityPolicy`, {});
    const detached = await plan("front");
    expect(detached.code, detached.out).toBe(2);
    expect(detached.out).toContain("module.m.terraform_data.security_policy_attachment[0] must be replaced");
  });

  it("a deleted VM shows too: its settings can no longer be read", async () => {
    await gcp("DELETE", `${C}/zones/${ZONE}/instances/prod-red`);
    const gone = await plan("red");
    expect(gone.code, gone.out).toBe(2);
    expect(gone.out).toContain("module.m.terraform_data.vm_settings must be replaced");
  });

  it("the observed-state bucket is read-only and answers 404 for a name that is not a resource path", async () => {
    const res = await fetch(`${emulator.url}/storage/v1/b/goog-emulator-observed/o/nothing`, { headers: { authorization: "Bearer t" } });
    expect(res.status).toBe(404);
    const write = await fetch(`${emulator.url}/upload/storage/v1/b/goog-emulator-observed/o?uploadType=media&name=x`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{}",
    });
    expect(write.status).toBe(403);
  });
});
