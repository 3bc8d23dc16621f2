import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "../../emulators/gcp/server";
import { resetEmulator } from "../../emulators/gcp/state";
import type { GcpCallOptions } from "./client-options";
import { getARecord, upsertARecord } from "./dns-records";
import { GcpError } from "./errors";
import { createProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const ZONE = { dnsProject: "sourcegraph-infrastructure", managedZone: "sourcegraph-com" };

let emulator: GcpEmulator;
let clients: ProvisioningClients;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  clients = createProvisioningClients({ settings: { apiEndpoint: emulator.url }, callOptions: CALL });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GcpError);

describe("Cloud DNS A records over REST", () => {
  it("creates, leaves alone, and updates a record in the pre-created sourcegraph-com zone", async () => {
    expect(await getARecord({ ...ZONE, name: "acme.sourcegraph.com." }, clients)).toBeUndefined();
    expect(await upsertARecord({ ...ZONE, name: "acme.sourcegraph.com.", ip: "34.1.2.3", ttl: 300 }, clients)).toEqual({
      record: { name: "acme.sourcegraph.com.", ttl: 300, ips: ["34.1.2.3"] },
      action: "created",
    });
    // Names are normalised: case and the trailing dot don't make a second record.
    expect(await upsertARecord({ ...ZONE, name: "ACME.sourcegraph.com", ip: "34.1.2.3", ttl: 300 }, clients)).toMatchObject({ action: "unchanged" });
    expect(await upsertARecord({ ...ZONE, name: "acme.sourcegraph.com.", ip: "34.9.9.9", ttl: 60 }, clients)).toEqual({
      record: { name: "acme.sourcegraph.com.", ttl: 60, ips: ["34.9.9.9"] },
      action: "updated",
    });
    expect(await getARecord({ ...ZONE, name: "acme.sourcegraph.com." }, clients)).toEqual({ name: "acme.sourcegraph.com.", ttl: 60, ips: ["34.9.9.9"] });
  });

  it("answers a second create with 409, like Cloud DNS", async () => {
    const url = `${clients.dns.baseUrl}/projects/${ZONE.dnsProject}/managedZones/${ZONE.managedZone}/rrsets`;
    const data = { name: "dup.sourcegraph.com.", type: "A", ttl: 300, rrdatas: ["34.0.0.1"] };
    await clients.dns.auth.request({ url, method: "POST", data, retry: false });
    const err = await clients.dns.auth.request({ url, method: "POST", data, retry: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409 });
  });

  it("rejects names outside the zone, bad IPs, and a missing zone", async () => {
    expect(await failure(upsertARecord({ ...ZONE, name: "acme.example.org.", ip: "34.1.2.3" }, clients))).toMatchObject({ kind: "invalid", httpStatus: 400 });
    expect(await failure(upsertARecord({ ...ZONE, name: "x.sourcegraph.com.", ip: "not-an-ip" }, clients))).toMatchObject({ kind: "invalid" });
    expect(await failure(getARecord({ dnsProject: ZONE.dnsProject, managedZone: "nope", name: "a.sourcegraph.com." }, clients))).toMatchObject({
      kind: "not-found",
    });
  });

  it("re-creates the configured zone after the emulator's state is reset", async () => {
    await resetEmulator(emulator.pool);
    expect(await upsertARecord({ ...ZONE, name: "after-reset.sourcegraph.com.", ip: "34.1.1.1" }, clients)).toMatchObject({ action: "created" });
  });

  it("serves the zones it is configured with", async () => {
    const custom = await startGcpEmulator({
      databaseUrl: process.env.DATABASE_URL!,
      port: 0,
      dnsZones: [{ project: "dns-test", name: "example-dev", dnsName: "example.dev." }],
    });
    const c = createProvisioningClients({ settings: { apiEndpoint: custom.url }, callOptions: CALL });
    try {
      const zone = { dnsProject: "dns-test", managedZone: "example-dev" };
      expect(await upsertARecord({ ...zone, name: "a.example.dev.", ip: "10.0.0.1" }, c)).toMatchObject({ action: "created" });
      expect(await getARecord({ ...zone, name: "a.example.dev" }, c)).toEqual({ name: "a.example.dev.", ttl: 300, ips: ["10.0.0.1"] });
    } finally {
      await c.close();
      await custom.close();
    }
  });
});
