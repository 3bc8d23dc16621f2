import { NetworkEndpointGroupsClient } from "@google-cloud/compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "../../emulators/gcp/server";
import { seedLoadBalancer, seedProject } from "../../emulators/gcp/state";
import type { BackendTarget } from "./backend-target";
import { buildClientOptions, type GcpCallOptions } from "./client-options";
import { createGcpClients, type GcpClients } from "./clients";
import { GcpError, toGcpError } from "./errors";
import { getBackendTarget, retargetBackend } from "./load-balancer";
import { deleteVm } from "./vm";

const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const PROJECT = "sourcegraph-managed-acme";
const ZONE = "us-central1-f";
const LINK = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;
const red: BackendTarget = { type: "networkEndpointGroup", zone: ZONE, name: "prod-red-neg" };
const black: BackendTarget = { type: "networkEndpointGroup", zone: ZONE, name: "prod-black-neg" };

let emulator: GcpEmulator;
let clients: GcpClients;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  clients = createGcpClients({ settings: { apiEndpoint: emulator.url }, callOptions: CALL });
  await seedProject(emulator.pool, { project: PROJECT, zone: ZONE });
  await seedLoadBalancer(emulator.pool, { project: PROJECT, zone: ZONE, live: "red" });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GcpError);
const getService = async () => (await clients.backendServices.get({ project: PROJECT, backendService: "prod-backend-service" }, CALL))[0];

describe("red/black load balancer switch through the real compute clients", () => {
  it("reads which colour is live", async () => {
    expect(await getBackendTarget({ project: PROJECT }, clients)).toEqual(red);
  });

  it("retargets to the other colour, keeping the balancing settings, and can run again", async () => {
    const before = await getService();
    expect(await retargetBackend({ project: PROJECT, to: black }, clients)).toEqual({ changed: true, previous: red });
    const after = await getService();
    expect(after.backends?.map(({ group, balancingMode, maxRatePerEndpoint, capacityScaler }) => ({ group, balancingMode, maxRatePerEndpoint, capacityScaler }))).toEqual([
      { group: `${LINK}/zones/${ZONE}/networkEndpointGroups/prod-black-neg`, balancingMode: "RATE", maxRatePerEndpoint: 1000, capacityScaler: 1 },
    ]);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.healthChecks).toEqual(before.healthChecks);
    expect(await getBackendTarget({ project: PROJECT, backendService: "prod-backend-service" }, clients)).toEqual(black);
    expect(await retargetBackend({ project: PROJECT, to: black }, clients)).toEqual({ changed: false, previous: black });
  });

  it("rejects a stale fingerprint with 412 (a concurrent change)", async () => {
    const stale = await getService();
    await retargetBackend({ project: PROJECT, to: red }, clients);
    const err = await clients.backendServices
      .patch({ project: PROJECT, backendService: "prod-backend-service", backendServiceResource: { backends: [], fingerprint: stale.fingerprint } }, CALL)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 9 });
    expect(toGcpError(err, "x", emulator.url)).toMatchObject({ kind: "conflict" });
    const missing = await clients.backendServices
      .patch({ project: PROJECT, backendService: "prod-backend-service", backendServiceResource: { backends: [] } }, CALL)
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 9 });
  });

  it("fails clearly for a group that does not exist and a service that does not", async () => {
    const err = await rejection(retargetBackend({ project: PROJECT, to: { ...black, name: "prod-green-neg" } }, clients));
    expect(err).toMatchObject({ kind: "not-found" });
    expect((err!.cause as Error).message).toContain("networkEndpointGroups/prod-green-neg' was not found");
    expect(await getBackendTarget({ project: PROJECT }, clients)).toEqual(red);
    expect(await rejection(getBackendTarget({ project: PROJECT, backendService: "nope" }, clients))).toMatchObject({ kind: "not-found" });
  });

  it("refuses to delete the live colour's group (the RUNBOOK's NEG error) but deletes the idle one", async () => {
    const negs = new NetworkEndpointGroupsClient(buildClientOptions({ apiEndpoint: emulator.url }));
    try {
      await negs.insert({ project: PROJECT, zone: ZONE, networkEndpointGroupResource: { name: "prod-green-neg" } }, CALL);
      const err = await negs.delete({ project: PROJECT, zone: ZONE, networkEndpointGroup: "prod-red-neg" }, CALL).then(() => new Error("expected a rejection"), (e: unknown) => e as Error);
      expect(err).toMatchObject({ code: 3 });
      expect(err.message).toContain(
        `The network_endpoint_group resource 'projects/${PROJECT}/zones/${ZONE}/networkEndpointGroups/prod-red-neg' is already being used by '${LINK}/global/backendServices/prod-backend-service'`,
      );
      await negs.delete({ project: PROJECT, zone: ZONE, networkEndpointGroup: "prod-green-neg" }, CALL);
      const [left] = await negs.list({ project: PROJECT, zone: ZONE }, CALL);
      expect(left.map((n) => n.name)).toEqual(["prod-black-neg", "prod-red-neg"]);
    } finally {
      await negs.close();
    }
  });

  it("replaces the resource with update (PUT) and reports several backends as an error", async () => {
    const current = await getService();
    await clients.backendServices.update(
      {
        project: PROJECT,
        backendService: "prod-backend-service",
        backendServiceResource: {
          name: "prod-backend-service",
          fingerprint: current.fingerprint,
          backends: [{ group: `zones/${ZONE}/networkEndpointGroups/prod-red-neg` }, { group: `zones/${ZONE}/networkEndpointGroups/prod-black-neg` }],
        },
      },
      CALL,
    );
    const after = await getService();
    expect(after.backends?.map((b) => [b.group?.split("/").pop(), b.balancingMode])).toEqual([
      ["prod-red-neg", "RATE"],
      ["prod-black-neg", "RATE"],
    ]);
    expect(after.healthChecks).toEqual([]);
    const err = await rejection(getBackendTarget({ project: PROJECT }, clients));
    expect(err).toMatchObject({ kind: "failed" });
    expect(err!.message).toContain("has 2 backends");
  });
});

describe("colour VMs", () => {
  it("creates a VM with colour labels and metadata, and deletes it idempotently", async () => {
    await clients.instances.insert(
      {
        project: PROJECT,
        zone: ZONE,
        instanceResource: { name: "prod-black", labels: { colour: "black" }, metadata: { items: [{ key: "colour", value: "black" }] } },
      },
      CALL,
    );
    const [vm] = await clients.instances.get({ project: PROJECT, zone: ZONE, instance: "prod-black" }, CALL);
    expect(vm.labels).toEqual({ colour: "black" });
    expect(vm.metadata?.items?.map(({ key, value }) => ({ key, value }))).toEqual([{ key: "colour", value: "black" }]);
    expect(vm.metadata?.fingerprint).toBeTruthy();
    expect(await deleteVm({ project: PROJECT, zone: ZONE, vmName: "prod-black" }, clients)).toEqual({ deleted: true });
    expect(await deleteVm({ project: PROJECT, zone: ZONE, vmName: "prod-black" }, clients)).toEqual({ deleted: false });
  });
});
