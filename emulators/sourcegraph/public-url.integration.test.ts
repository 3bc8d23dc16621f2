import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSchema as ensureGcpSchema, projectRows, setCertificateStatus } from "../gcp/state";
import { upsertMany } from "../gcp/store";
import { cloudArmorDenyBody } from "./cloud-armor";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "./server";
import { seedInstances } from "./state";
import { seedAllowlist } from "./testing/seed-allowlist";

/**
 * The public URL (`/i/<slug>` or `Host: <slug>.sourcegraph.com`) behaves like the load
 * balancer in front of the instance: no TLS until the managed certificate is issued, and
 * Cloud Armor's allowlist. The tunnel prefix reaches the VM's Caddy past both.
 */
const ZONE = "us-central1-f";
const project = (slug: string) => `sourcegraph-managed-${slug}`;
let emulator: SourcegraphEmulator;
let gcp: pg.Pool;

/** A raw request: the answer, or how the connection ended without one. */
function request(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; contentType?: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port: emulator.port, path, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, contentType: res.headers["content-type"] }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

beforeAll(async () => {
  emulator = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  gcp = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await ensureGcpSchema(gcp);
  await seedInstances(emulator.pool, [
    { slug: "acme", version: "5.10.1" },
    { slug: "walled", version: "5.10.2" },
    { slug: "legacy", version: "5.9.0" },
  ]);
  await upsertMany(gcp, [
    ...projectRows({ project: project("acme"), zone: ZONE, vmName: "prod-red", certificateStatus: "PROVISIONING" }),
    ...projectRows({ project: project("walled"), zone: ZONE, vmName: "prod-red" }),
  ]);
  await seedAllowlist(gcp, { project: project("walled"), zone: ZONE, cidrs: ["198.51.100.0/24", "192.0.2.7"] });
});
afterAll(async () => {
  await gcp?.end();
  await emulator?.close();
});

describe("the public URL before the managed certificate is issued", () => {
  it("fails like a TLS handshake: the connection ends without any HTTP answer, by path and by Host", async () => {
    await setCertificateStatus(gcp, { project: project("acme"), status: "PROVISIONING" });
    expect(await request("/i/acme/healthz")).toEqual({ error: "ECONNRESET" });
    expect(await request("/healthz", { host: "acme.sourcegraph.com" })).toEqual({ error: "ECONNRESET" });
    await expect(fetch(`${emulator.instanceUrl("acme")}/__version`)).rejects.toThrow(/fetch failed/);

    await setCertificateStatus(gcp, { project: project("acme"), status: "PROVISIONING_FAILED" });
    expect(await request("/i/acme/healthz")).toEqual({ error: "ECONNRESET" });
  });

  it("serves once the certificate is ACTIVE, and still when only its renewal failed (the issued one keeps serving)", async () => {
    await setCertificateStatus(gcp, { project: project("acme"), status: "ACTIVE" });
    expect(await request("/i/acme/__version")).toMatchObject({ status: 200, body: "5.10.1" });
    await setCertificateStatus(gcp, { project: project("acme"), status: "RENEWAL_FAILED" });
    expect(await request("/__version", { host: "acme.sourcegraph.com" })).toMatchObject({ status: 200, body: "5.10.1" });
  });

  it("reaches the VM through the tunnel prefix whatever the certificate says", async () => {
    await setCertificateStatus(gcp, { project: project("acme"), status: "PROVISIONING" });
    expect(await request(`/vm/${project("acme")}/prod-red/__version`)).toMatchObject({ status: 200, body: "5.10.1" });
    expect(await request(`/vm/${project("nobody")}/prod-red/healthz`)).toMatchObject({ status: 404 });
  });

  it("serves an instance without a certificate row as before (seeded without the GCP side)", async () => {
    expect(await request("/i/legacy/__version")).toMatchObject({ status: 200, body: "5.9.0" });
  });
});

describe("the public URL of an IP-allowlisted instance (Cloud Armor on the backend service)", () => {
  it("answers 403 with Cloud Armor's own page to a client outside the CIDRs", async () => {
    const denied = await request("/i/walled/healthz", { "x-emulated-client-ip": "203.0.113.50" });
    expect(denied).toEqual({ status: 403, body: cloudArmorDenyBody(403), contentType: "text/html; charset=UTF-8" });
    expect(await request("/healthz", { host: "walled.sourcegraph.com", "x-emulated-client-ip": "203.0.113.50" })).toMatchObject({ status: 403 });
  });

  it("lets clients inside the CIDRs through", async () => {
    expect(await request("/i/walled/healthz", { "x-emulated-client-ip": "198.51.100.23" })).toMatchObject({ status: 200, body: "ok" });
    expect(await request("/i/walled/__version", { "x-emulated-client-ip": "192.0.2.7" })).toMatchObject({ status: 200, body: "5.10.2" });
  });

  it("judges a request without the knob by its socket's address (127.0.0.1: not on the list)", async () => {
    expect(await request("/i/walled/healthz")).toMatchObject({ status: 403 });
    expect(await request("/i/walled/healthz", { "x-emulated-client-ip": "not-an-ip" })).toMatchObject({ status: 400 });
  });

  it("lets the tunnel reach the VM whatever the client's address", async () => {
    expect(await request(`/vm/${project("walled")}/prod-red/healthz`, { "x-emulated-client-ip": "203.0.113.50" })).toMatchObject({ status: 200, body: "ok" });
  });
});
