import { GlobalOperationsClient, RegionOperationsClient } from "@google-cloud/compute";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "../../emulators/gcp/server";
import { deleteProject, seedProject, seedProjects, setCertificateStatus, setVmStatus } from "../../emulators/gcp/state";
import { listAddresses } from "./addresses";
import { getCertificateStatus } from "./certificates";
import { buildClientOptions, type GcpCallOptions } from "./client-options";
import { createGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { readInstanceNetwork } from "./read-instance-network";
import { getVmStatus, startVm, stopVm } from "./vm";

// Without retry: null a failing call would be retried with backoff until the test times out.
const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const PROJECT = "sourcegraph-managed-acme";
const REGION = "europe-west4";
const ZONE = "europe-west4-b";

let emulator: GcpEmulator;
let clients: GcpClients;
let pool: pg.Pool;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  pool = emulator.pool;
  clients = createGcpClients({ settings: { apiEndpoint: emulator.url, accessToken: "test-token" }, callOptions: CALL });
  await seedProject(pool, {
    project: PROJECT,
    region: REGION,
    zone: ZONE,
    vmName: "prod",
    vmStatus: "RUNNING",
    globalIp: "34.1.2.3",
    natIps: ["35.10.0.1", "35.10.0.2"],
    certificateStatus: "ACTIVE",
  });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

describe("lib/gcp through the real @google-cloud/compute clients", () => {
  it("reads a seeded deployment's network", async () => {
    const network = await readInstanceNetwork({ project: PROJECT, region: REGION, zone: ZONE }, clients);
    expect(network).toEqual({
      vmStatus: "RUNNING",
      globalIp: "34.1.2.3",
      natIps: ["35.10.0.1", "35.10.0.2"],
      certificateStatus: "ACTIVE",
    });
  });

  it("sees an instance made unhealthy through the state module", async () => {
    const project = "sourcegraph-managed-sick";
    await seedProject(pool, { project, region: REGION, zone: ZONE });
    expect(await setVmStatus(pool, { project, status: "TERMINATED" })).toBe(1);
    expect(await setCertificateStatus(pool, { project, status: "PROVISIONING" })).toBe(true);
    expect(await getVmStatus({ project, zone: ZONE }, clients)).toBe("TERMINATED");
    expect(await getCertificateStatus({ project }, clients)).toBe("PROVISIONING");
    const [cert] = await clients.sslCertificates.get({ project, sslCertificate: "default-ssl-cert" }, CALL);
    expect(cert.managed?.domains).toEqual(["sick.sourcegraph.com"]);
    expect(cert.managed?.domainStatus).toEqual({ "sick.sourcegraph.com": "PROVISIONING" });
  });

  it("lists regional addresses, following page tokens", async () => {
    const addresses = await listAddresses({ project: PROJECT, region: REGION }, clients);
    expect(addresses).toEqual([
      { name: "default-nat-manual-ip-0", address: "35.10.0.1", status: "IN_USE" },
      { name: "default-nat-manual-ip-1", address: "35.10.0.2", status: "IN_USE" },
    ]);
    // One address per page: autoPaginate must follow nextPageToken to get both.
    const [paged] = await clients.addresses.list({ project: PROJECT, region: REGION, maxResults: 1 }, CALL);
    expect(paged.map((a) => a.name)).toEqual(["default-nat-manual-ip-0", "default-nat-manual-ip-1"]);
    const names: string[] = [];
    for await (const a of clients.addresses.listAsync({ project: PROJECT, region: REGION, filter: 'name = "default-nat-manual-ip-1"' }, { ...CALL, autoPaginate: false })) {
      names.push(a.name ?? "");
    }
    expect(names).toEqual(["default-nat-manual-ip-1"]);
    const [global] = await clients.globalAddresses.list({ project: PROJECT }, CALL);
    expect(global.map((a) => [a.name, a.address])).toEqual([["default-global-address", "34.1.2.3"]]);
  });

  it("stops and starts a VM, waiting on zone operations", async () => {
    await stopVm({ project: PROJECT, zone: ZONE }, clients);
    expect(await getVmStatus({ project: PROJECT, zone: ZONE }, clients)).toBe("TERMINATED");
    await startVm({ project: PROJECT, zone: ZONE }, clients);
    expect(await getVmStatus({ project: PROJECT, zone: ZONE }, clients)).toBe("RUNNING");

    const [lro] = await clients.instances.stop({ project: PROJECT, zone: ZONE, instance: "prod" }, CALL);
    const op = lro.latestResponse as { name?: string; status?: string; operationType?: string; zone?: string };
    // As on GCP, the stop is an operation still under way when the call returns: it is waited on.
    expect(["PENDING", "RUNNING", "DONE"]).toContain(op.status);
    expect(op.operationType).toBe("stop");
    expect(op.zone).toBe(`https://www.googleapis.com/compute/v1/projects/${PROJECT}/zones/${ZONE}`);
    const [polled] = await clients.zoneOperations.wait({ project: PROJECT, zone: ZONE, operation: op.name! }, CALL);
    expect(polled.status).toBe("DONE");
    expect(polled.targetLink).toMatch(/\/instances\/prod$/);
    await startVm({ project: PROJECT, zone: ZONE }, clients);
  });

  it("inserts addresses and instances, and reports duplicates as ALREADY_EXISTS", async () => {
    const [g] = await clients.globalAddresses.insert({ project: PROJECT, addressResource: { name: "extra-global", address: "34.9.9.9" } }, CALL);
    const globalOp = g.latestResponse as { name?: string; status?: string };
    expect(globalOp.status).toBe("DONE");
    const globalOps = new GlobalOperationsClient(buildClientOptions({ apiEndpoint: emulator.url }));
    const [waited] = await globalOps.wait({ project: PROJECT, operation: globalOp.name! }, CALL);
    expect(waited.status).toBe("DONE");
    await globalOps.close();
    const [extra] = await clients.globalAddresses.get({ project: PROJECT, address: "extra-global" }, CALL);
    expect(extra.address).toBe("34.9.9.9");

    const [r] = await clients.addresses.insert({ project: PROJECT, region: REGION, addressResource: { name: "extra-regional" } }, CALL);
    const regionOps = new RegionOperationsClient(buildClientOptions({ apiEndpoint: emulator.url }));
    const [regionOp] = await regionOps.get({ project: PROJECT, region: REGION, operation: (r.latestResponse as { name: string }).name }, CALL);
    expect(regionOp.region).toBe(`https://www.googleapis.com/compute/v1/projects/${PROJECT}/regions/${REGION}`);
    await regionOps.close();
    const [regional] = await clients.addresses.get({ project: PROJECT, region: REGION, address: "extra-regional" }, CALL);
    expect(regional.address).toMatch(/^34\.\d+\.\d+\.\d+$/);
    expect(regional.region).toMatch(new RegExp(`/regions/${REGION}$`));

    await expect(
      clients.addresses.insert({ project: PROJECT, region: REGION, addressResource: { name: "extra-regional" } }, CALL),
    ).rejects.toMatchObject({ code: 6 /* ALREADY_EXISTS */ });

    await clients.instances.insert({ project: PROJECT, zone: ZONE, instanceResource: { name: "scratch", labels: { a: "b" } } }, CALL);
    const [vm] = await clients.instances.get({ project: PROJECT, zone: ZONE, instance: "scratch" }, CALL);
    expect([vm.status, vm.labels]).toEqual(["RUNNING", { a: "b" }]);
    const [vms] = await clients.instances.list({ project: PROJECT, zone: ZONE }, CALL);
    expect(vms.map((v) => v.name)).toEqual(["prod", "scratch"]);
    await clients.instances.delete({ project: PROJECT, zone: ZONE, instance: "scratch" }, CALL);
    await expect(getVmStatus({ project: PROJECT, zone: ZONE, vmName: "scratch" }, clients)).rejects.toMatchObject({ kind: "not-found" });
  });

  it("maps a missing resource and a missing project to not-found", async () => {
    const err = await getVmStatus({ project: PROJECT, zone: ZONE, vmName: "nope" }, clients).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GcpError);
    expect(err).toMatchObject({ kind: "not-found", grpcCode: 5, httpStatus: 404 });
    expect((err as GcpError).message).toBe(`GCP resource not found: projects/${PROJECT}/zones/${ZONE}/instances/nope`);
    expect(((err as GcpError).cause as Error).message).toContain(`projects/${PROJECT}/zones/${ZONE}/instances/nope' was not found`);

    await seedProject(pool, { project: "sourcegraph-managed-gone" });
    expect(await deleteProject(pool, "sourcegraph-managed-gone")).toBe(6);
    const gone = await readInstanceNetwork({ project: "sourcegraph-managed-gone", region: "us-central1", zone: "us-central1-f" }, clients).catch(
      (e: unknown) => e,
    );
    expect(gone).toMatchObject({ kind: "not-found" });
    expect(((gone as GcpError).cause as Error).message).toContain("'projects/sourcegraph-managed-gone' was not found");
  });

  it("maps a closed port to unreachable", async () => {
    const probe = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
    const deadUrl = probe.url;
    await probe.close();
    const dead = createGcpClients({ settings: { apiEndpoint: deadUrl }, callOptions: CALL });
    try {
      const err = await getCertificateStatus({ project: PROJECT }, dead).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GcpError);
      expect(err).toMatchObject({ kind: "unreachable", httpStatus: undefined });
      expect((err as GcpError).message).toContain(`unreachable at ${deadUrl}`);
    } finally {
      await dead.close();
    }
  });

  it("serves projects seeded in bulk", async () => {
    const seeds = Array.from({ length: 2000 }, (_, i) => ({ project: `sourcegraph-managed-bulk-${i}`, region: "us-east1", zone: "us-east1-c" }));
    const started = Date.now();
    await seedProjects(pool, seeds);
    const elapsed = Date.now() - started;
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM gcp_emulator.resource WHERE project LIKE 'sourcegraph-managed-bulk-%'`);
    expect(Number(rows[0].n)).toBe(2000 * 6);
    expect(elapsed).toBeLessThan(20_000);
    const network = await readInstanceNetwork({ project: "sourcegraph-managed-bulk-1234", region: "us-east1", zone: "us-east1-c" }, clients);
    expect(network.vmStatus).toBe("RUNNING");
    expect(network.natIps).toHaveLength(2);
    expect(network.natIps[0]).not.toBe(network.natIps[1]);
    // Derived IPs are stable, so re-seeding a project keeps its addresses.
    await seedProject(pool, seeds[1234]);
    expect(await readInstanceNetwork({ project: "sourcegraph-managed-bulk-1234", region: "us-east1", zone: "us-east1-c" }, clients)).toEqual(network);
  });
});
