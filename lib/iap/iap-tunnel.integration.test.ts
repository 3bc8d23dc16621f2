import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSchema as ensureGcpSchema, projectRows, setCertificateStatus } from "../../emulators/gcp/state";
import { upsertMany } from "../../emulators/gcp/store";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../../emulators/sourcegraph/server";
import { seedInstances, setFaults } from "../../emulators/sourcegraph/state";
import { seedAllowlist } from "../../emulators/sourcegraph/testing/seed-allowlist";
import { checkHealthz, siteInit } from "../sourcegraph";
import { IapTunnelError, openIapTunnel, withIapTunnel } from "./index";

const FAKE_GCLOUD_DIR = path.resolve(import.meta.dirname, "../../emulators/fake-gcloud");
const ZONE = "us-central1-f";
const project = (slug: string) => `sourcegraph-managed-${slug}`;
const target = (slug: string, vm = "prod-red") => ({ project: project(slug), zone: ZONE, vm });
let emulator: SourcegraphEmulator;
let gcp: pg.Pool;
const saved = { PATH: process.env.PATH, SOURCEGRAPH_EMULATOR_URL: process.env.SOURCEGRAPH_EMULATOR_URL };

beforeAll(async () => {
  emulator = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  // The adapter spawns `gcloud` from PATH: the fake goes first, as in demo mode.
  process.env.PATH = `${FAKE_GCLOUD_DIR}${path.delimiter}${saved.PATH}`;
  process.env.SOURCEGRAPH_EMULATOR_URL = emulator.url;
  gcp = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await ensureGcpSchema(gcp);
  // fresh: just applied, certificate still PROVISIONING, waiting for its first admin.
  // walled: an IP-allowlisted instance. cut: its VM never answers through IAP (firewall).
  await seedInstances(emulator.pool, [
    { slug: "fresh", version: "5.10.2", needsSiteInit: true },
    { slug: "walled", version: "5.10.1" },
    { slug: "cut", version: "5.10.1", faults: { sshUnreachable: true } },
    { slug: "held", version: "5.10.1" },
  ]);
  await upsertMany(gcp, [
    ...projectRows({ project: project("fresh"), zone: ZONE, vmName: "prod-red", certificateStatus: "PROVISIONING" }),
    ...projectRows({ project: project("walled"), zone: ZONE, vmName: "prod-black" }),
    ...projectRows({ project: project("cut"), zone: ZONE, vmName: "prod-red" }),
    ...projectRows({ project: project("held"), zone: ZONE, vmName: "prod-red" }),
  ]);
  await seedAllowlist(gcp, { project: project("walled"), zone: ZONE, cidrs: ["198.51.100.0/24"] });
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await gcp?.end();
  await emulator?.close();
});

/** Running `gcloud compute start-iap-tunnel` processes for one project (the fake is a node process). */
function tunnelProcesses(gcpProject: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv.includes("start-iap-tunnel") && argv.includes(gcpProject)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

const admin = { email: "managed+fresh@sourcegraph.com", username: "sourcegraph-admin", password: "a-long-enough-password" };

describe("IAP tunnel adapter against the fake gcloud", () => {
  it("reaches an instance whose certificate is still PROVISIONING, while its public URL fails the TLS handshake", async () => {
    const publicUrl = emulator.instanceUrl("fresh");
    expect(await checkHealthz(publicUrl)).toMatchObject({ ok: false, status: null });
    await expect(siteInit(publicUrl, admin)).rejects.toThrow();

    const lines: string[] = [];
    const { sessionCookie, healthz, baseUrl } = await withIapTunnel({ ...target("fresh"), onLine: (_s, line) => lines.push(line) }, async (baseUrl) => ({
      sessionCookie: (await siteInit(baseUrl, admin)).sessionCookie,
      healthz: await checkHealthz(baseUrl),
      baseUrl,
    }));
    expect(sessionCookie).toMatch(/^sgs=/);
    expect(healthz).toMatchObject({ ok: true, status: 200 });
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain("Testing if tunnel connection works.");
    expect(await connects(Number(new URL(baseUrl).port))).toBe(false); // closed afterwards

    // The public URL works once Google has issued the certificate.
    await setCertificateStatus(gcp, { project: project("fresh"), status: "ACTIVE" });
    expect(await checkHealthz(publicUrl)).toMatchObject({ ok: true, status: 200 });
  });

  it("gets past an allowlist: 403 publicly from outside the CIDRs, 200 from inside, 200 through the tunnel", async () => {
    const outside = await fetch(`${emulator.instanceUrl("walled")}/healthz`, { headers: { "x-emulated-client-ip": "203.0.113.80" } });
    expect(outside.status).toBe(403);
    expect(await outside.text()).toMatch(/<title>403<\/title>403 Forbidden$/);
    const inside = await fetch(`${emulator.instanceUrl("walled")}/healthz`, { headers: { "x-emulated-client-ip": "198.51.100.80" } });
    expect(inside.status).toBe(200);
    // A worker's own address (127.0.0.1 here) is not on the list either.
    expect(await checkHealthz(emulator.instanceUrl("walled"))).toMatchObject({ ok: false, status: 403 });

    const throughTunnel = await withIapTunnel({ ...target("walled", "prod-black") }, (baseUrl) =>
      fetch(`${baseUrl}/healthz`, { headers: { "x-emulated-client-ip": "203.0.113.80" } }).then((r) => r.status),
    );
    expect(throughTunnel).toBe(200);
  });

  it("fails with gcloud's message for a VM that does not exist, and with IAP's for one it cannot reach", async () => {
    const missing = await openIapTunnel(target("fresh", "prod-green")).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(IapTunnelError);
    expect(missing).toMatchObject({ kind: "not-found", exitCode: 1 });
    expect((missing as Error).message).toMatch(
      /^IAP tunnel to prod-green:80 \(sourcegraph-managed-fresh\) failed \(exit 1\): ERROR: \(gcloud\.compute\.start-iap-tunnel\) Could not fetch resource: \| - The resource 'projects\/sourcegraph-managed-fresh\/zones\/us-central1-f\/instances\/prod-green' was not found$/,
    );

    const cut = await openIapTunnel(target("cut")).catch((e: unknown) => e);
    expect(cut).toMatchObject({ kind: "unreachable", exitCode: 1, message: expect.stringMatching(/\[4003: 'failed to connect to backend'\]\. \(Failed to connect to port 80\)$/) });
    await setFaults(emulator.pool, "cut", { sshUnreachable: false });
    expect(await withIapTunnel(target("cut"), async (baseUrl) => (await checkHealthz(baseUrl)).ok)).toBe(true);
  });

  it("stops gcloud when the job is cancelled, leaving no process behind", async () => {
    const controller = new AbortController();
    const tunnel = await openIapTunnel({ ...target("held"), signal: controller.signal });
    expect(tunnelProcesses(project("held"))).toHaveLength(1);
    expect(await connects(tunnel.localPort)).toBe(true);
    controller.abort();
    const result = await tunnel.exited;
    expect(result).toMatchObject({ cancelled: true, exitCode: 0 }); // gcloud's clean Ctrl-C exit
    expect(tunnelProcesses(project("held"))).toEqual([]);
    expect(await connects(tunnel.localPort)).toBe(false);
    await tunnel.close(); // closing again is harmless
  });

  it("stops gcloud when cancelled while the tunnel is still opening, or when it is too slow", async () => {
    const controller = new AbortController();
    const opening = openIapTunnel({
      ...target("held"),
      signal: controller.signal,
      onLine: (_stream, line) => line.startsWith("Picking local unused port") && controller.abort(),
    });
    await expect(opening).rejects.toMatchObject({ kind: "cancelled" });
    expect(tunnelProcesses(project("held"))).toEqual([]);

    await expect(openIapTunnel({ ...target("held"), readyTimeoutMs: 50 })).rejects.toMatchObject({ kind: "timeout" });
    expect(tunnelProcesses(project("held"))).toEqual([]);

    const aborted = new AbortController();
    aborted.abort();
    await expect(openIapTunnel({ ...target("held"), signal: aborted.signal })).rejects.toMatchObject({ kind: "cancelled" });
  });

  it("always closes the tunnel, also when the work inside fails", async () => {
    let port = 0;
    await expect(
      withIapTunnel(target("held"), async (_baseUrl, tunnel) => {
        port = tunnel.localPort;
        throw new Error("the step failed");
      }),
    ).rejects.toThrow("the step failed");
    expect(await connects(port)).toBe(false);
    expect(tunnelProcesses(project("held"))).toEqual([]);
  });

  it("refuses an invalid target before spawning anything", async () => {
    await expect(openIapTunnel({ ...target("held"), project: "x --impersonate-service-account=evil" })).rejects.toMatchObject({ kind: "invalid-target" });
    expect(tunnelProcesses("--impersonate-service-account=evil")).toEqual([]);
  });
});
