import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../../lib/shell/run-process";
import { ensureSchema as ensureGcpSchema, projectRows, setVmStatus } from "../gcp/state";
import { upsertMany } from "../gcp/store";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../sourcegraph/server";
import { seedInstances, setFaults } from "../sourcegraph/state";

const GCLOUD = path.resolve(import.meta.dirname, "gcloud");
const ZONE = "us-central1-f";
const ACME = "sourcegraph-managed-acme";
let emulator: SourcegraphEmulator;
let gcp: pg.Pool;

beforeAll(async () => {
  emulator = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  gcp = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await ensureGcpSchema(gcp);
  // acme: a red/black deployment the GCP emulator knows; bare: a VM with nothing deployed yet.
  const vmRow = (project: string, vmName: string) => projectRows({ project, zone: ZONE, vmName }).filter((r) => r.kind === "instance");
  await upsertMany(gcp, [...projectRows({ project: ACME, zone: ZONE, vmName: "prod-red" }), ...vmRow(ACME, "prod-black")]);
  await upsertMany(gcp, projectRows({ project: "sourcegraph-managed-bare", zone: ZONE, vmName: "prod-red" }));
  // legacy: seeded only in the Sourcegraph emulator, like the demo fleet.
  await seedInstances(emulator.pool, [
    { slug: "acme", version: "5.10.1" },
    { slug: "legacy", version: "5.9.0" },
    { slug: "fresh", version: "5.10.2", needsSiteInit: true },
  ]);
  await upsertMany(gcp, projectRows({ project: "sourcegraph-managed-fresh", zone: ZONE, vmName: "prod-red", certificateStatus: "PROVISIONING" }));
});
afterAll(async () => {
  await gcp?.end();
  await emulator?.close();
});

const tunnelArgs = (vm: string, port: number | string, local: string, project = ACME) => [
  "compute",
  "start-iap-tunnel",
  vm,
  String(port),
  `--local-host-port=${local}`,
  "--zone",
  ZONE,
  "--project",
  project,
];

/** The fake as a long-running child, its output kept line by line. */
function startTunnel(args: string[], env: Record<string, string | undefined> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SOURCEGRAPH_EMULATOR_URL: emulator.url };
  delete childEnv.PYTHONUNBUFFERED;
  Object.assign(childEnv, env);
  const child = spawn(GCLOUD, args, { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: [] as string[], stderr: [] as string[] };
  for (const stream of ["stdout", "stderr"] as const) {
    let partial = "";
    child[stream].on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop()!;
      output[stream].push(...lines);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  return { child, ...output, exited };
}

/** A one-shot run of the fake that must end by itself. */
async function gcloud(args: string[]) {
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const result = await runProcess(GCLOUD, args, {
    env: { SOURCEGRAPH_EMULATOR_URL: emulator.url },
    timeoutMs: 60_000,
    onLine: (stream, line) => lines[stream].push(line),
  });
  return { exitCode: result.exitCode, ...lines };
}

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const IAP_4003 = (port: number) =>
  `ERROR: (gcloud.compute.start-iap-tunnel) While checking if a connection can be made: Error while connecting [4003: 'failed to connect to backend']. (Failed to connect to port ${port})`;

describe("fake gcloud compute start-iap-tunnel", () => {
  it("says what gcloud says, forwards HTTP to the VM's Caddy, and stops on Ctrl-C", async () => {
    const tunnel = startTunnel(tunnelArgs("prod-black", 80, "localhost:0"), { PYTHONUNBUFFERED: "1" });
    const listening = await until("Listening on port", () => tunnel.stdout.find((l) => /^Listening on port \[\d+\]\.$/.test(l)));
    const port = Number(/\[(\d+)\]/.exec(listening)![1]);
    expect(tunnel.stderr).toEqual([`Picking local unused port [${port}].`, "Testing if tunnel connection works."]);

    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/__version`)).text()).toBe("5.10.1");
    expect(await (await fetch(`${base}/healthz`)).text()).toBe("ok"); // a second request, same keep-alive connection
    const graphql = await fetch(`${base}/.api/graphql`, { method: "POST", body: "{}", headers: { authorization: "token wrong" } });
    expect(graphql.status).toBe(401); // method, headers and body reach the frontend

    tunnel.child.kill("SIGINT");
    expect(await tunnel.exited).toEqual({ code: 0, signal: null });
    expect(tunnel.stderr.at(-1)).toBe("Server shutdown complete.");
    expect(await connects(port)).toBe(false);
  });

  it("serves the instance's own paths: links and cookies need no /i/<slug> prefix", async () => {
    const tunnel = startTunnel(tunnelArgs("prod-red", 80, "localhost:0", "sourcegraph-managed-fresh"));
    const picked = await until("a picked port", () => tunnel.stderr.find((l) => l.startsWith("Picking local unused port")));
    const port = Number(/\[(\d+)\]/.exec(picked)![1]);
    await until("the tunnel to listen", () => connects(port));
    const root = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/site-admin/init");
    tunnel.child.kill("SIGINT");
    await tunnel.exited;
  });

  it("holds 'Listening on port' on a pipe, as Python block-buffers gcloud's stdout, until it exits", async () => {
    const port = await freePort();
    const tunnel = startTunnel(tunnelArgs("prod-red", 80, `127.0.0.1:${port}`));
    await until("the tunnel to listen", () => connects(port));
    expect(tunnel.stderr).toEqual(["Testing if tunnel connection works."]); // no "Picking": the port was given
    expect(tunnel.stdout).toEqual([]);
    tunnel.child.kill("SIGINT");
    await tunnel.exited;
    expect(tunnel.stdout).toEqual([`Listening on port [${port}].`]);
  });

  it("ends at once on SIGTERM, like gcloud under Python's default handler", async () => {
    const port = await freePort();
    const tunnel = startTunnel(tunnelArgs("prod-red", 80, `localhost:${port}`));
    await until("the tunnel to listen", () => connects(port));
    tunnel.child.kill("SIGTERM");
    expect(await tunnel.exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(tunnel.stderr).not.toContain("Server shutdown complete.");
    expect(await connects(port)).toBe(false);
  });

  it("fails like instances.get for a VM the GCP emulator does not have in that project and zone", async () => {
    expect(await gcloud(tunnelArgs("prod", 80, "localhost:0"))).toEqual({
      exitCode: 1,
      stdout: [],
      stderr: [
        "ERROR: (gcloud.compute.start-iap-tunnel) Could not fetch resource:",
        ` - The resource 'projects/${ACME}/zones/${ZONE}/instances/prod' was not found`,
      ],
    });
    const otherZone = await gcloud([...tunnelArgs("prod-red", 80, "localhost:0").slice(0, 5), "--zone", "us-east1-b", "--project", ACME]);
    expect(otherZone).toMatchObject({ exitCode: 1, stderr: [expect.any(String), ` - The resource 'projects/${ACME}/zones/us-east1-b/instances/prod-red' was not found`] });
    expect((await gcloud(tunnelArgs("prod-red", 80, "localhost:0", "sourcegraph-managed-nobody"))).exitCode).toBe(1);
  });

  it("keeps VM prod for a project only the Sourcegraph emulator knows (the seeded demo fleet)", async () => {
    expect((await gcloud(tunnelArgs("prod-red", 80, "localhost:0", "sourcegraph-managed-legacy"))).stderr[1]).toMatch(/prod-red' was not found/);
    const port = await freePort();
    const tunnel = startTunnel(tunnelArgs("prod", 80, `localhost:${port}`, "sourcegraph-managed-legacy"));
    await until("the tunnel to listen", () => connects(port));
    expect(await (await fetch(`http://127.0.0.1:${port}/__version`)).text()).toBe("5.9.0");
    tunnel.child.kill("SIGINT");
    await tunnel.exited;
  });

  it("fails the connection test like IAP (4003) for another port, a stopped VM, nothing deployed, or the sshUnreachable fault", async () => {
    const lastLine = async (args: string[]) => {
      const result = await gcloud(args);
      expect(result.exitCode).toBe(1);
      expect(result.stderr.slice(0, 2)).toEqual([expect.stringMatching(/^Picking local unused port \[\d+\]\.$/), "Testing if tunnel connection works."]);
      return result.stderr.at(-1);
    };
    expect(await lastLine(tunnelArgs("prod-red", 3370, "localhost:0"))).toBe(IAP_4003(3370));
    expect(await lastLine(tunnelArgs("prod-red", 80, "localhost:0", "sourcegraph-managed-bare"))).toBe(IAP_4003(80));

    await setVmStatus(gcp, { project: ACME, zone: ZONE, vmName: "prod-red", status: "TERMINATED" });
    expect(await lastLine(tunnelArgs("prod-red", 80, "localhost:0"))).toBe(IAP_4003(80));
    await setVmStatus(gcp, { project: ACME, zone: ZONE, vmName: "prod-red", status: "RUNNING" });

    await setFaults(emulator.pool, "acme", { sshUnreachable: true });
    expect(await lastLine(tunnelArgs("prod-red", 80, "localhost:0"))).toBe(IAP_4003(80));
    await setFaults(emulator.pool, "acme", { sshUnreachable: false });
  });

  it("refuses a local port that is taken, before testing the connection", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      expect(await gcloud(tunnelArgs("prod-red", 80, `127.0.0.1:${port}`))).toEqual({
        exitCode: 1,
        stdout: [],
        stderr: [`ERROR: (gcloud.compute.start-iap-tunnel) Local port [${port}] is not available.`],
      });
    } finally {
      taken.close();
    }
  });
});

describe("fake gcloud compute ssh, with the GCP emulator's VMs", () => {
  const ssh = (vm: string, project: string, zone = ZONE) => gcloud(["compute", "ssh", vm, "--zone", zone, "--project", project, "--tunnel-through-iap", "--", "hostname"]);

  it("reaches any VM of the project by its name, and only in its zone", async () => {
    expect(await ssh("prod-black", ACME)).toEqual({ exitCode: 0, stdout: ["prod-black"], stderr: [] });
    expect(await ssh("prod", ACME)).toMatchObject({ exitCode: 1, stderr: ["ERROR: (gcloud.compute.ssh) Could not fetch resource:", expect.stringMatching(/instances\/prod' was not found/)] });
    expect((await ssh("prod-red", ACME, "us-east1-b")).exitCode).toBe(1);
  });

  it("keeps prod, in any zone, for projects the GCP emulator does not know", async () => {
    expect(await ssh("prod", "sourcegraph-managed-legacy", "europe-west1-b")).toEqual({ exitCode: 0, stdout: ["prod"], stderr: [] });
    expect((await ssh("prod-red", "sourcegraph-managed-legacy")).exitCode).toBe(1);
  });
});
