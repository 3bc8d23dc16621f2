import { createSign } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureCompute } from "../gcp/compute-settings";
import { startGcpEmulator, type GcpEmulator } from "../gcp/server";
import { createProject } from "../gcp/state";
import { getInstance } from "../sourcegraph/state";
import { providerEnv } from "./testing/provider-env";
import { TerraformCli } from "./testing/terraform-cli";

/**
 * The offline fixture modules applied with the real terraform CLI against the GCP emulator,
 * then read back through the emulator's REST API, as `gcloud` or the console would see them.
 * The tests run in order: each step builds on the state the previous one left.
 */
const PROJECT = "sourcegraph-managed-acme";
const REGION = "europe-west1";
const ZONE = "europe-west1-c";
const FIXTURES = path.resolve(import.meta.dirname);
const C = `/compute/v1/projects/${PROJECT}`;

let emulator: GcpEmulator;
let tf: TerraformCli;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  configureCompute(emulator.pool, { certificateReadsAfterDns: 2 });
  await createProject(emulator.pool, PROJECT);
  tf = await TerraformCli.create();
  env = providerEnv(emulator.url);
});

afterAll(async () => {
  await tf?.close();
  await emulator?.close();
});

async function gcp(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${emulator.url}${pathname}`, {
    method,
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const get = async (pathname: string) => {
  const { status, body } = await gcp("GET", pathname);
  if (status !== 200) throw new Error(`GET ${pathname}: ${status} ${JSON.stringify(body)}`);
  return body;
};

/** A root module calling one fixture by absolute path (Terraform links it into .terraform/modules). */
function root(module: string, args: Record<string, unknown>, outputs: string[]): Record<string, string> {
  const lines = Object.entries(args).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
  const main = [`module "m" {`, `  source = ${JSON.stringify(path.join(FIXTURES, module))}`, ...lines, `}`, ...outputs.map((o) => `output "${o}" {\n  value = module.m.${o}\n}`)];
  return { "main.tf": `${main.join("\n")}\n` };
}

const deployment = (colour: string, extra: Record<string, unknown> = {}) =>
  root(
    "deployment",
    {
      project_id: PROJECT,
      zone: ZONE,
      slug: "acme",
      colour,
      machine_type: "n1-standard-32",
      data_disk_size_gb: 1234,
      sourcegraph_version: "5.10.1",
      deploy_ref: "v5.10.1",
      ...extra,
    },
    ["vm_name", "data_disk", "neg"],
  );

const frontEnd = (servingColour: string, allowlist = ["203.0.113.0/24"]) =>
  root(
    "instance",
    {
      project_id: PROJECT,
      region: REGION,
      zone: ZONE,
      slug: "acme",
      domain: "acme.sourcegraph.com",
      access_mode: "ip_allowlist",
      allowlist_cidrs: allowlist,
      serving_colour: servingColour,
      dns_project: "sourcegraph-infrastructure",
      dns_managed_zone: "sourcegraph-com",
    },
    ["global_address", "nat_ips", "backend_service", "security_policy", "certificate"],
  );

async function applyOk(name: string, files: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const dir = await tf.dir(name, files);
  const result = await tf.apply(dir, { ...env, ...extraEnv });
  expect(result.code, result.out).toBe(0);
  return { dir, out: result.out, outputs: await tf.outputs(dir, env) };
}

const backend = () => get(`${C}/global/backendServices/prod-backend-service`);
const metadataOf = (vm: Record<string, any>) => Object.fromEntries((vm.metadata.items as { key: string; value: string }[]).map((i) => [i.key, i.value]));

describe("the offline fixture modules against the GCP emulator", () => {
  it("state-bucket creates the bucket, authenticating with a service-account key (JWT-bearer grant)", async () => {
    const key = await mintKey("terraform-deploy");
    const files = root("state-bucket", { project_id: PROJECT, bucket_name: `${PROJECT}-tfstate` }, ["bucket_name"]);
    const keyEnv = { GOOGLE_OAUTH_ACCESS_TOKEN: "", GOOGLE_CREDENTIALS: JSON.stringify(key) };

    // A key whose signature does not verify is refused at the token endpoint, so nothing is created.
    const forged = { ...key, private_key: (await mintKey("someone-else")).private_key };
    const refused = await tf.apply(await tf.dir("bucket-forged", files), { ...env, ...keyEnv, GOOGLE_CREDENTIALS: JSON.stringify(forged) });
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain("invalid_grant");

    const { outputs } = await applyOk("bucket", files, keyEnv);
    expect(outputs.bucket_name).toBe(`${PROJECT}-tfstate`);
    const bucket = await get(`/storage/v1/b/${PROJECT}-tfstate`);
    expect(bucket).toMatchObject({ name: `${PROJECT}-tfstate`, location: "US", versioning: { enabled: true } });
  });

  it("deployment red: the VM of the requested machine type with its boot and data disks, a NEG pointing at it, Sourcegraph booting", async () => {
    const { outputs } = await applyOk("red", deployment("red"));
    expect(outputs).toEqual({ vm_name: "prod-red", data_disk: "prod-red-data", neg: "prod-red-neg" });

    const vm = await get(`${C}/zones/${ZONE}/instances/prod-red`);
    expect(vm.status).toBe("RUNNING");
    expect(vm.machineType).toMatch(new RegExp(`/projects/${PROJECT}/zones/${ZONE}/machineTypes/n1-standard-32$`));
    expect(vm.labels).toEqual({ deployment: "acme", colour: "red" });
    expect(vm.disks.map((d: Record<string, unknown>) => [String(d.source).split("/").pop(), d.boot, d.deviceName])).toEqual([
      ["prod-red", true, "persistent-disk-0"],
      ["prod-red-data", false, "docker-data"],
    ]);
    expect(vm.networkInterfaces[0]).not.toHaveProperty("accessConfigs");
    const metadata = metadataOf(vm);
    expect(metadata).toMatchObject({ "sourcegraph-version": "5.10.1", "deploy-ref": "v5.10.1", "enable-guest-attributes": "TRUE" });
    expect(metadata["startup-script"]).toContain("DEPLOY_REF='v5.10.1'");
    expect(metadata["startup-script"]).toContain("docker compose -f docker-compose/docker-compose.yaml up -d");

    const disk = await get(`${C}/zones/${ZONE}/disks/prod-red-data`);
    expect(disk).toMatchObject({ sizeGb: "1234" });
    expect(disk.type).toBe(`https://www.googleapis.com/compute/v1/projects/${PROJECT}/zones/${ZONE}/diskTypes/pd-ssd`);
    expect(await get(`${C}/zones/${ZONE}/disks/prod-red`)).toMatchObject({ sizeGb: "50" });

    expect(await get(`${C}/zones/${ZONE}/networkEndpointGroups/prod-red-neg`)).toMatchObject({ networkEndpointType: "GCE_VM_IP_PORT", size: 1 });
    const endpoints = await gcp("POST", `${C}/zones/${ZONE}/networkEndpointGroups/prod-red-neg/listNetworkEndpoints`, {});
    expect(endpoints.body.items).toEqual([{ networkEndpoint: { instance: "prod-red", ipAddress: vm.networkInterfaces[0].networkIP, port: 80 } }]);

    // The VM "booted" the release: a fresh Sourcegraph waiting for its first admin.
    expect(await getInstance(emulator.pool, "acme")).toMatchObject({ version: "5.10.1", needsSiteInit: true });
  });

  it("instance: addresses, Cloud NAT, the allowlist attached to the backend service on red, DNS, the certificate provisioning", async () => {
    const { outputs } = await applyOk("front", frontEnd("red"));
    expect(outputs).toMatchObject({ backend_service: "prod-backend-service", security_policy: "prod-allowlist", certificate: "default-ssl-cert" });

    const global = await get(`${C}/global/addresses/default-global-address`);
    expect(outputs.global_address).toBe(global.address);
    const nat = await Promise.all([0, 1].map((i) => get(`${C}/regions/${REGION}/addresses/default-nat-manual-ip-${i}`)));
    expect(outputs.nat_ips).toEqual(nat.map((a) => a.address));
    expect(nat.map((a) => a.status)).toEqual(["IN_USE", "IN_USE"]);
    const router = await get(`${C}/regions/${REGION}/routers/default-router`);
    expect(router.nats).toHaveLength(1);
    expect(router.nats[0].natIps).toEqual(nat.map((a) => a.selfLink));

    const service = await backend();
    expect(service.loadBalancingScheme).toBe("EXTERNAL_MANAGED");
    expect(service.backends.map((b: { group: string }) => b.group)).toEqual([expect.stringMatching(new RegExp(`/zones/${ZONE}/networkEndpointGroups/prod-red-neg$`))]);
    const policy = await get(`${C}/global/securityPolicies/prod-allowlist`);
    expect(service.securityPolicy).toBe(policy.selfLink);
    expect(policy.rules.map((r: Record<string, any>) => [r.priority, r.action, r.match.config.srcIpRanges])).toEqual([
      [1000, "allow", ["203.0.113.0/24"]],
      [2147483647, "deny(403)", ["*"]],
    ]);

    const record = await get(`/dns/v1/projects/sourcegraph-infrastructure/managedZones/sourcegraph-com/rrsets/acme.sourcegraph.com./A`);
    expect(record.rrdatas).toEqual([global.address]);
    // DNS points at the load balancer, so after the configured 2 more reads Google "issues" it.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`${C}/global/sslCertificates/default-ssl-cert`)).managed.status);
    expect(statuses).toEqual(["PROVISIONING", "PROVISIONING", "ACTIVE"]);
  });

  it("deployment black from a snapshot of red's disk leaves the existing Sourcegraph alone", async () => {
    expect((await gcp("POST", `${C}/zones/${ZONE}/disks/prod-red-data/createSnapshot`, { name: "upgrade-1" })).status).toBe(200);
    await applyOk("black", deployment("black", { data_disk_snapshot: "upgrade-1", sourcegraph_version: "5.11.0", deploy_ref: "v5.11.0" }));
    const disk = await get(`${C}/zones/${ZONE}/disks/prod-black-data`);
    expect(disk.sourceSnapshot).toMatch(/\/global\/snapshots\/upgrade-1$/);
    expect(metadataOf(await get(`${C}/zones/${ZONE}/instances/prod-black`))["sourcegraph-version"]).toBe("5.11.0");
    expect(await getInstance(emulator.pool, "acme")).toMatchObject({ version: "5.10.1" });
  });

  it("changing serving_colour re-points the backend service in place", async () => {
    const before = await backend();
    const { out } = await applyOk("front", frontEnd("black"));
    expect(out).toContain("1 added, 0 changed, 1 destroyed");
    const after = await backend();
    expect([after.id, after.creationTimestamp]).toEqual([before.id, before.creationTimestamp]);
    expect(after.backends.map((b: { group: string }) => b.group.split("/").pop())).toEqual(["prod-black-neg"]);
    expect(after.securityPolicy).toBe(before.securityPolicy);
  });

  it("destroying the serving colour fails with GCP's resourceInUseByAnotherResource; after switching back it goes", async () => {
    const dir = await tf.dir("black", {});
    const refused = await tf.destroy(dir, env);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain("resourceInUseByAnotherResource");
    expect(refused.out).toContain("networkEndpointGroups/prod-black-neg");
    expect((await gcp("GET", `${C}/zones/${ZONE}/networkEndpointGroups/prod-black-neg`)).status).toBe(200);

    await applyOk("front", frontEnd("red"));
    expect((await backend()).backends[0].group).toMatch(/prod-red-neg$/);
    const destroyed = await tf.destroy(dir, env);
    expect(destroyed.code, destroyed.out).toBe(0);
    for (const p of ["networkEndpointGroups/prod-black-neg", "instances/prod-black", "disks/prod-black-data", "disks/prod-black"]) {
      expect((await gcp("GET", `${C}/zones/${ZONE}/${p}`)).status, p).toBe(404);
    }
    expect((await gcp("GET", `${C}/zones/${ZONE}/instances/prod-red`)).status).toBe(200);
  });

  it("changes GCP makes in place stay in place: machine type, metadata, disk size, allowlist", async () => {
    const vmBefore = await get(`${C}/zones/${ZONE}/instances/prod-red`);
    const policyBefore = await get(`${C}/global/securityPolicies/prod-allowlist`);
    await applyOk("red", deployment("red", { machine_type: "n1-standard-16", data_disk_size_gb: 1500, sourcegraph_version: "5.10.2", deploy_ref: "v5.10.2" }));
    const vm = await get(`${C}/zones/${ZONE}/instances/prod-red`);
    expect(vm.id).toBe(vmBefore.id);
    expect(vm.status).toBe("RUNNING");
    expect(vm.machineType).toMatch(/\/machineTypes\/n1-standard-16$/);
    expect(metadataOf(vm)["sourcegraph-version"]).toBe("5.10.2");
    expect((await get(`${C}/zones/${ZONE}/disks/prod-red-data`)).sizeGb).toBe("1500");

    // Eleven networks need two allow rules: Cloud Armor takes ten ranges per rule.
    const cidrs = Array.from({ length: 11 }, (_, i) => `198.51.100.${i * 16}/28`);
    await applyOk("front", frontEnd("red", cidrs));
    const policy = await get(`${C}/global/securityPolicies/prod-allowlist`);
    expect(policy.id).toBe(policyBefore.id);
    expect(policy.rules.map((r: Record<string, any>) => [r.priority, r.match.config.srcIpRanges.length])).toEqual([
      [1000, 10],
      [1001, 1],
      [2147483647, 1],
    ]);
  });

  it("a second apply without the state fails with 409 alreadyExists instead of adopting what exists", async () => {
    const vmBefore = await get(`${C}/zones/${ZONE}/instances/prod-red`);
    const dir = await tf.dir("red-again", deployment("red"));
    const result = await tf.apply(dir, env);
    expect(result.code).not.toBe(0);
    expect(result.out).toContain("Error 409");
    expect(result.out).toContain("alreadyExists");
    expect((await get(`${C}/zones/${ZONE}/instances/prod-red`)).id).toBe(vmBefore.id);
  });

  it("public_sso without DNS settings: no security policy, no DNS record", async () => {
    const other = "sourcegraph-managed-public";
    await createProject(emulator.pool, other);
    const zonePath = `/compute/v1/projects/${other}/zones/${ZONE}`;
    expect((await gcp("POST", `${zonePath}/networkEndpointGroups`, { name: "prod-red-neg" })).status).toBe(200);
    const files = root(
      "instance",
      { project_id: other, region: REGION, zone: ZONE, slug: "public", domain: "public.sourcegraph.com", access_mode: "public_sso", serving_colour: "red" },
      ["security_policy", "global_address"],
    );
    const { dir, outputs } = await applyOk("public", files);
    expect(outputs.security_policy).toBe("");
    const service = await get(`/compute/v1/projects/${other}/global/backendServices/prod-backend-service`);
    expect(service).not.toHaveProperty("securityPolicy");
    expect(service.backends[0].group).toMatch(/prod-red-neg$/);
    expect((await get(`/compute/v1/projects/${other}/global/securityPolicies`)).items).toEqual([]);
    expect((await gcp("GET", `/dns/v1/projects/sourcegraph-infrastructure/managedZones/sourcegraph-com/rrsets/public.sourcegraph.com./A`)).status).toBe(404);

    // Switching to the allowlist later attaches a policy in place.
    await applyOk("public", { "main.tf": files["main.tf"].replace('"public_sso"', '"ip_allowlist"').replace('serving_colour = "red"', 'serving_colour = "red"\n  allowlist_cidrs = ["192.0.2.0/24"]') });
    expect((await get(`/compute/v1/projects/${other}/global/backendServices/prod-backend-service`)).securityPolicy).toMatch(/securityPolicies\/prod-allowlist$/);
    expect((await tf.outputs(dir, env)).security_policy).toBe("prod-allowlist");
  });

  it("destroy removes everything the fixtures created, front end first", async () => {
    for (const name of ["front", "red", "bucket"]) {
      const result = await tf.destroy(await tf.dir(name, {}), env);
      expect(result.code, result.out).toBe(0);
    }
    const lists = [
      `${C}/zones/${ZONE}/instances`,
      `${C}/zones/${ZONE}/disks`,
      `${C}/zones/${ZONE}/networkEndpointGroups`,
      `${C}/regions/${REGION}/addresses`,
      `${C}/regions/${REGION}/routers`,
      `${C}/global/addresses`,
      `${C}/global/backendServices`,
      `${C}/global/securityPolicies`,
      `${C}/global/sslCertificates`,
    ];
    for (const list of lists) expect((await get(list)).items, list).toEqual([]);
    expect((await gcp("GET", `/dns/v1/projects/sourcegraph-infrastructure/managedZones/sourcegraph-com/rrsets/acme.sourcegraph.com./A`)).status).toBe(404);
    expect((await gcp("GET", `/storage/v1/b/${PROJECT}-tfstate`)).status).toBe(404);
  });
});

interface KeyFile {
  type: string;
  client_email: string;
  private_key: string;
  private_key_id: string;
  token_uri: string;
}

/** A service account and a key for it, minted through the emulator's IAM API, as the provisioning job does. */
async function mintKey(accountId: string): Promise<KeyFile> {
  const account = await gcp("POST", `/v1/projects/${PROJECT}/serviceAccounts`, { accountId });
  expect(account.status, JSON.stringify(account.body)).toBe(200);
  const key = await gcp("POST", `/v1/projects/${PROJECT}/serviceAccounts/${account.body.email}/keys`, {});
  expect(key.status, JSON.stringify(key.body)).toBe(200);
  const file = JSON.parse(Buffer.from(key.body.privateKeyData, "base64").toString("utf8")) as KeyFile;
  // Sanity: the key signs (so a refused exchange below is the emulator's verdict, not a broken key).
  createSign("RSA-SHA256").update("x").sign(file.private_key);
  return file;
}
