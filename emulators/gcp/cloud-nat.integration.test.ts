import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject } from "./state";

/**
 * Cloud Router with a MANUAL_ONLY Cloud NAT (RUNBOOK "Finding the external IPs": the NAT's
 * two addresses are IN_USE): the NAT egresses from static addresses of its region, which
 * then cannot be deleted, and which become RESERVED again when the router goes.
 */
const P = "sourcegraph-managed-nat";
const R = `/compute/v1/projects/${P}/regions/us-central1`;

let emulator: GcpEmulator;
let api: ReturnType<typeof restClient>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  api = restClient(emulator.url);
  await createProject(emulator.pool, P);
  for (const i of [0, 1]) await api.call("POST", `${R}/addresses`, { name: `default-nat-manual-ip-${i}` });
  await api.call("POST", `/compute/v1/projects/${P}/regions/us-east1/addresses`, { name: "elsewhere" });
});
afterAll(() => emulator?.close());

const nat = (natIps: string[], natIpAllocateOption = "MANUAL_ONLY") => ({ name: "default-nat", natIpAllocateOption, natIps });
const router = (name: string, nats: unknown[]) => ({ name, network: "default", nats });
const addressPaths = [0, 1].map((i) => `projects/${P}/regions/us-central1/addresses/default-nat-manual-ip-${i}`);

describe("routers with Cloud NAT", () => {
  it("refuse a NAT without addresses, with another region's, or with a missing one", async () => {
    for (const nats of [[nat([])], [nat([`projects/${P}/regions/us-east1/addresses/elsewhere`])], [nat(addressPaths, "AUTO_ONLY")]]) {
      expect(outcome(await api.call("POST", `${R}/routers`, router("bad", nats))), JSON.stringify(nats)).toEqual([400, "invalid"]);
    }
    expect(outcome(await api.call("POST", `${R}/routers`, router("bad", [nat([`${addressPaths[0]}-missing`])])))).toEqual([404, "notFound"]);
    expect(outcome(await api.call("POST", `${R}/routers`, { name: "bad" }))).toEqual([400, "invalid"]);
  });

  it("egress from the named addresses, which show IN_USE and cannot be deleted meanwhile", async () => {
    expect(outcome(await api.call("POST", `${R}/routers`, router("default-router", [nat(addressPaths)])))).toEqual([200, "ok"]);
    const stored = await api.get(`${R}/routers/default-router`);
    expect(stored.network).toBe(`https://www.googleapis.com/compute/v1/projects/${P}/global/networks/default`);
    expect(stored.nats[0].natIps).toEqual(addressPaths.map((p) => `https://www.googleapis.com/compute/v1/${p}`));
    const addresses = await api.get(`${R}/addresses`);
    expect(addresses.items.map((a: Record<string, any>) => [a.name, a.status, a.users])).toEqual([
      ["default-nat-manual-ip-0", "IN_USE", [stored.selfLink]],
      ["default-nat-manual-ip-1", "IN_USE", [stored.selfLink]],
    ]);

    expect(outcome(await api.call("DELETE", `${R}/addresses/default-nat-manual-ip-0`))).toEqual([400, "resourceInUseByAnotherResource"]);
    // One address serves one NAT.
    expect(outcome(await api.call("POST", `${R}/routers`, router("second", [nat([addressPaths[1]])])))).toEqual([400, "resourceInUseByAnotherResource"]);
  });

  it("release the addresses when the router goes", async () => {
    expect(outcome(await api.call("DELETE", `${R}/routers/default-router`))).toEqual([200, "ok"]);
    expect((await api.get(`${R}/addresses/default-nat-manual-ip-0`)).status).toBe("RESERVED");
    expect(outcome(await api.call("DELETE", `${R}/addresses/default-nat-manual-ip-0`))).toEqual([200, "ok"]);
  });
});
