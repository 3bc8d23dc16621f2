import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureCompute } from "./compute-settings";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject } from "./state";

/**
 * A Google-managed certificate created through the API stays PROVISIONING until DNS points
 * every domain at the load balancer (REALITY.md; the handbook waited 1h41m), then for a
 * configured number of reads, then is ACTIVE.
 */
const P = "sourcegraph-managed-certs";
const G = `/compute/v1/projects/${P}/global`;
const RRSETS = "/dns/v1/projects/sourcegraph-infrastructure/managedZones/sourcegraph-com/rrsets";

let emulator: GcpEmulator;
let api: ReturnType<typeof restClient>;
let globalIp: string;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  api = restClient(emulator.url);
  await createProject(emulator.pool, P);
  await api.call("POST", `${G}/addresses`, { name: "default-global-address" });
  globalIp = (await api.get(`${G}/addresses/default-global-address`)).address;
});
afterAll(() => emulator?.close());

const statusOf = async (name = "default-ssl-cert") => (await api.get(`${G}/sslCertificates/${name}`)).managed.status as string;
const reads = async (n: number, name?: string) => {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) seen.push(await statusOf(name));
  return seen;
};
const certificate = (name: string, domains: string[]) => ({ name, type: "MANAGED", managed: { domains } });

describe("managed certificates", () => {
  it("are born PROVISIONING for every domain; only MANAGED ones with valid domains are accepted", async () => {
    expect(outcome(await api.call("POST", `${G}/sslCertificates`, certificate("default-ssl-cert", ["certs.sourcegraph.com"])))).toEqual([200, "ok"]);
    expect((await api.get(`${G}/sslCertificates/default-ssl-cert`)).managed).toEqual({
      domains: ["certs.sourcegraph.com"],
      status: "PROVISIONING",
      domainStatus: { "certs.sourcegraph.com": "PROVISIONING" },
    });
    expect(outcome(await api.call("POST", `${G}/sslCertificates`, { name: "pem", type: "SELF_MANAGED" }))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${G}/sslCertificates`, certificate("bad", ["not a domain"])))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${G}/sslCertificates`, certificate("default-ssl-cert", ["x.sourcegraph.com"])))).toEqual([409, "alreadyExists"]);
  });

  it("stay PROVISIONING however often they are read while DNS is missing or points elsewhere", async () => {
    expect(await reads(10)).toEqual(Array(10).fill("PROVISIONING"));
    const other = globalIp === "192.0.2.10" ? "192.0.2.11" : "192.0.2.10";
    await api.call("POST", RRSETS, { name: "certs.sourcegraph.com.", type: "A", ttl: 300, rrdatas: [other] });
    expect(await reads(10)).toEqual(Array(10).fill("PROVISIONING"));
  });

  it("turn ACTIVE after the default 3 more reads once DNS points at the global address", async () => {
    const reply = await api.call("PATCH", `${RRSETS}/certs.sourcegraph.com./A`, { rrdatas: [globalIp] });
    expect(outcome(reply)).toEqual([200, "ok"]);
    expect(await reads(5)).toEqual(["PROVISIONING", "PROVISIONING", "PROVISIONING", "ACTIVE", "ACTIVE"]);
  });

  it("wait for every domain, and count the reads this emulator is configured with", async () => {
    configureCompute(emulator.pool, { certificateReadsAfterDns: 1 });
    await api.call("POST", `${G}/sslCertificates`, certificate("two", ["a.sourcegraph.com", "b.sourcegraph.com"]));
    await api.call("POST", RRSETS, { name: "a.sourcegraph.com.", type: "A", ttl: 300, rrdatas: [globalIp] });
    expect(await reads(3, "two")).toEqual(Array(3).fill("PROVISIONING"));
    await api.call("POST", RRSETS, { name: "b.sourcegraph.com.", type: "A", ttl: 300, rrdatas: [globalIp] });
    expect(await reads(3, "two")).toEqual(["PROVISIONING", "ACTIVE", "ACTIVE"]);
  });

  it("are deleted, and a new one of the same name starts over", async () => {
    expect(outcome(await api.call("DELETE", `${G}/sslCertificates/two`))).toEqual([200, "ok"]);
    configureCompute(emulator.pool, { certificateReadsAfterDns: 0 });
    await api.call("POST", `${G}/sslCertificates`, certificate("two", ["a.sourcegraph.com"]));
    expect(await reads(2, "two")).toEqual(["ACTIVE", "ACTIVE"]);
  });
});
