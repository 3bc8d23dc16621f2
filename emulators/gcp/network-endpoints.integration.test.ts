import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject } from "./state";

/** A zonal GCE_VM_IP_PORT network endpoint group and its members (google_compute_network_endpoint). */
const P = "sourcegraph-managed-negs";
const Z = `/compute/v1/projects/${P}/zones/us-central1-a`;
const NEG = `${Z}/networkEndpointGroups/prod-red-neg`;

let emulator: GcpEmulator;
let api: ReturnType<typeof restClient>;
let vmIp: string;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  api = restClient(emulator.url);
  await createProject(emulator.pool, P);
  await api.call("POST", `${Z}/instances`, { name: "prod-red", networkInterfaces: [{ network: "global/networks/default" }] });
  vmIp = (await api.get(`${Z}/instances/prod-red`)).networkInterfaces[0].networkIP;
});
afterAll(() => emulator?.close());

const endpoints = async () => (await api.call("POST", `${NEG}/listNetworkEndpoints`, {})).body.items;

describe("network endpoints", () => {
  it("start empty in a new group; only GCE_VM_IP_PORT groups are modelled", async () => {
    expect(outcome(await api.call("POST", `${Z}/networkEndpointGroups`, { name: "prod-red-neg", networkEndpointType: "GCE_VM_IP_PORT", defaultPort: 80 }))).toEqual([200, "ok"]);
    expect(await api.get(NEG)).toMatchObject({ size: 0, defaultPort: 80, networkEndpointType: "GCE_VM_IP_PORT" });
    expect(await endpoints()).toEqual([]);
    expect(outcome(await api.call("POST", `${Z}/networkEndpointGroups`, { name: "serverless", networkEndpointType: "SERVERLESS" }))).toEqual([400, "invalid"]);
  });

  it("attach a VM of the zone at its primary IP and the group's default port", async () => {
    expect(outcome(await api.call("POST", `${NEG}/attachNetworkEndpoints`, { networkEndpoints: [{ instance: "missing-vm", port: 80 }] }))).toEqual([404, "notFound"]);
    expect(outcome(await api.call("POST", `${NEG}/attachNetworkEndpoints`, { networkEndpoints: [{ instance: "prod-red", ipAddress: "10.9.9.9" }] }))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${NEG}/attachNetworkEndpoints`, { networkEndpoints: [{ instance: "prod-red" }] }))).toEqual([200, "ok"]);
    expect(await endpoints()).toEqual([{ networkEndpoint: { instance: "prod-red", ipAddress: vmIp, port: 80 } }]);
    expect((await api.get(NEG)).size).toBe(1);
  });

  it("detach, and go with their group", async () => {
    expect(outcome(await api.call("POST", `${NEG}/detachNetworkEndpoints`, { networkEndpoints: [{ instance: "prod-red", port: 80 }] }))).toEqual([200, "ok"]);
    expect(await endpoints()).toEqual([]);
    await api.call("POST", `${NEG}/attachNetworkEndpoints`, { networkEndpoints: [{ instance: "prod-red" }] });
    expect(outcome(await api.call("DELETE", NEG))).toEqual([200, "ok"]);
    await api.call("POST", `${Z}/networkEndpointGroups`, { name: "prod-red-neg" });
    expect(await endpoints()).toEqual([]);
  });
});
