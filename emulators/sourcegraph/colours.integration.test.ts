import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../../lib/shell/run-process";
import { startGcpEmulator, type GcpEmulator } from "../gcp/server";
import { createProject, seedLoadBalancer, seedProject } from "../gcp/state";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "./server";
import { seedInstance } from "./state";
import { createColour, destroyColour, gcpCall, seedTwoColourInstance, serveColour, snapshotColour, type Colour } from "./testing/colours";

/**
 * Red/black as the real system builds it (REALITY.md): two VMs with distinct names side by
 * side, each with its own release and its own data disk, the second disk made from a
 * snapshot of the first, and the public URL going wherever the backend service points. All
 * through the GCP emulator's REST API, HTTP and the fake gcloud, never the emulator's tables.
 */
const ZONE = "us-central1-f";
const GCLOUD = path.resolve(import.meta.dirname, "../fake-gcloud/gcloud");
const COMPOSE = ["docker", "compose", "--project-directory", "/deployment/docker-compose"];
let gcp: GcpEmulator;
let sourcegraph: SourcegraphEmulator;
let delayed: SourcegraphEmulator;

beforeAll(async () => {
  gcp = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  sourcegraph = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0, lbPropagationMs: 0 });
  // The same fleet behind a load balancer that takes a while to apply a switch.
  delayed = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0, lbPropagationMs: 60_000 });
});
afterAll(async () => {
  await sourcegraph?.close();
  await delayed?.close();
  await gcp?.close();
});

const project = (slug: string) => `sourcegraph-managed-${slug}`;

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

/** What the VM's Caddy answers, as the IAP tunnel reaches it. */
const viaTunnel = (slug: string, colour: Colour, p: string) => get(`${sourcegraph.url}/vm/${project(slug)}/prod-${colour}${p}`);
const viaPublicUrl = (slug: string, p: string, emulator = sourcegraph) => get(`${emulator.instanceUrl(slug)}${p}`);

async function ssh(slug: string, colour: Colour | "prod" | { vm: string }, ...command: string[]) {
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const vm = typeof colour === "object" ? colour.vm : colour === "prod" ? "prod" : `prod-${colour}`;
  const result = await runProcess(GCLOUD, ["compute", "ssh", vm, "--zone", ZONE, "--project", project(slug), "--tunnel-through-iap", "--", ...command], {
    timeoutMs: 60_000,
    onLine: (stream, line) => lines[stream].push(line),
  });
  return { exitCode: result.exitCode, ...lines };
}

const psql = (slug: string, colour: Colour | "prod", sql: string) => ssh(slug, colour, "sudo", "docker", "exec", "pgsql", "psql", "-U", "sg", "-c", `'${sql}'`);

async function siteInit(base: string): Promise<number> {
  const res = await fetch(`${base}/-/site-init`, {
    method: "POST",
    headers: { "x-requested-with": "Sourcegraph", "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.com", username: "admin", password: "correct-horse-battery" }),
  });
  return res.status;
}

describe("two colours side by side", () => {
  beforeAll(async () => {
    await createProject(gcp.pool, project("duo"));
    await seedTwoColourInstance(gcp.url, { project: project("duo"), zone: ZONE, slug: "duo", live: { colour: "red", version: "5.9.1" } });
  });

  it("each VM runs its own release and answers /__version through its own tunnel", async () => {
    // Site-init on red first, so the snapshot black is made from holds the admin.
    expect(await siteInit(`${sourcegraph.url}/vm/${project("duo")}/prod-red`)).toBe(200);
    await snapshotColour(gcp.url, { project: project("duo"), zone: ZONE, colour: "red", snapshot: "duo-1" });
    await createColour(gcp.url, { project: project("duo"), zone: ZONE, slug: "duo", colour: "black", version: "5.10.0", fromSnapshot: "duo-1" });

    expect(await viaTunnel("duo", "red", "/__version")).toEqual({ status: 200, body: "5.9.1" });
    expect(await viaTunnel("duo", "black", "/__version")).toEqual({ status: 200, body: "5.10.0" });
    const images = async (colour: Colour) =>
      (await ssh("duo", colour, "sudo", "docker", "ps", "--format", "'{{json .}}'")).stdout.map((l) => JSON.parse(l)).find((c) => c.Names === "sourcegraph-frontend-0").Image;
    expect(await images("red")).toMatch(/sourcegraph\/frontend:5\.9\.1@sha256:/);
    expect(await images("black")).toMatch(/sourcegraph\/frontend:5\.10\.0@sha256:/);
  });

  it("each has its own database: the snapshot carried red's site to black, later changes stay on their side", async () => {
    // The admin exists on black (it was on the disk when the snapshot was taken).
    expect(await siteInit(`${sourcegraph.url}/vm/${project("duo")}/prod-black`)).toBe(409);
    expect((await psql("duo", "red", "ALTER DATABASE sg SET default_transaction_read_only = true")).exitCode).toBe(0);
    expect((await psql("duo", "red", "SHOW default_transaction_read_only")).stdout[2]).toBe(" on");
    expect((await psql("duo", "black", "SHOW default_transaction_read_only")).stdout[2]).toBe(" off");
    expect((await psql("duo", "red", "SET TRANSACTION READ WRITE; ALTER DATABASE sg SET default_transaction_read_only = false")).exitCode).toBe(0);
  });

  it("the public URL serves the colour the backend service points at, and follows a PATCH of it", async () => {
    expect(await viaPublicUrl("duo", "/__version")).toEqual({ status: 200, body: "5.9.1" });
    await serveColour(gcp.url, { project: project("duo"), zone: ZONE, colour: "black" });
    expect(await viaPublicUrl("duo", "/__version")).toEqual({ status: 200, body: "5.10.0" });
    // Host routing goes the same way (fetch may not set Host; a plain request does, as a load balancer would).
    const byHost = await new Promise<string>((resolve, reject) =>
      http
        .get({ host: "127.0.0.1", port: sourcegraph.port, path: "/__version", headers: { host: "duo.sourcegraph.com" } }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve(text));
        })
        .on("error", reject),
    );
    expect(byHost).toBe("5.10.0");
  });

  it("with a propagation delay, the public URL keeps serving the previous colour for a while after a switch", async () => {
    await serveColour(gcp.url, { project: project("duo"), zone: ZONE, colour: "red" });
    expect(await viaPublicUrl("duo", "/__version", delayed)).toEqual({ status: 200, body: "5.10.0" });
    expect(await viaPublicUrl("duo", "/__version")).toEqual({ status: 200, body: "5.9.1" });
  });

  it("deleting a colour takes its VM and disk state: its tunnel finds nothing, the other colour is untouched", async () => {
    await serveColour(gcp.url, { project: project("duo"), zone: ZONE, colour: "red" });
    await destroyColour(gcp.url, { project: project("duo"), zone: ZONE, colour: "black" });
    expect((await viaTunnel("duo", "black", "/__version")).status).toBe(404);
    expect(await viaTunnel("duo", "red", "/__version")).toEqual({ status: 200, body: "5.9.1" });
    // The old data disk's database went with the disk: a new blank prod-black-data boots a fresh site.
    await createColour(gcp.url, { project: project("duo"), zone: ZONE, slug: "duo", colour: "black", version: "5.10.1" });
    expect(await viaTunnel("duo", "black", "/__version")).toEqual({ status: 200, body: "5.10.1" });
    expect(await siteInit(`${sourcegraph.url}/vm/${project("duo")}/prod-black`)).toBe(200);
  });
});

describe("a disk made from a snapshot taken while the database was read-only", () => {
  beforeAll(async () => {
    await createProject(gcp.pool, project("frozen"));
    await seedTwoColourInstance(gcp.url, { project: project("frozen"), zone: ZONE, slug: "frozen", live: { colour: "red", version: "5.9.1" } });
    expect((await psql("frozen", "red", "ALTER DATABASE sg SET default_transaction_read_only = true")).exitCode).toBe(0);
    await snapshotColour(gcp.url, { project: project("frozen"), zone: ZONE, colour: "red", snapshot: "frozen-1" });
    await createColour(gcp.url, { project: project("frozen"), zone: ZONE, slug: "frozen", colour: "black", version: "5.10.0", fromSnapshot: "frozen-1" });
  });

  it("is read-only too: the new release's migrator fails at boot and the frontend does not start", async () => {
    expect((await psql("frozen", "black", "SHOW default_transaction_read_only")).stdout[2]).toBe(" on");
    expect(await viaTunnel("frozen", "black", "/__version")).toEqual({ status: 502, body: "502 Bad Gateway" });
    const ps = await ssh("frozen", "black", "sudo", "docker", "ps", "--all", "--format", "'{{json .}}'");
    const status = (name: string) => ps.stdout.map((l) => JSON.parse(l)).find((c) => c.Names === name).Status;
    expect(status("migrator")).toMatch(/^Exited \(1\) /);
    expect(status("sourcegraph-frontend-internal")).toBe("Created");
    expect((await ssh("frozen", "black", "sudo", "docker", "logs", "migrator")).stderr.join("\n")).toMatch(/read-only transaction/);
  });

  it("travels the same way through snapshots.insert with sourceDisk", async () => {
    const zonePath = `projects/${project("frozen")}/zones/${ZONE}`;
    await gcpCall(gcp.url, "POST", `projects/${project("frozen")}/global/snapshots`, { name: "frozen-2", sourceDisk: `${zonePath}/disks/prod-red-data` });
    await gcpCall(gcp.url, "POST", `${zonePath}/disks`, { name: "spare-data", sourceSnapshot: `projects/${project("frozen")}/global/snapshots/frozen-2` });
    await gcpCall(gcp.url, "POST", `${zonePath}/instances`, {
      name: "spare",
      disks: [{ boot: true, autoDelete: true, initializeParams: { diskSizeGb: "50" } }, { source: `${zonePath}/disks/spare-data` }],
      metadata: { items: [{ key: "sourcegraph-version", value: "5.9.1" }] },
    });
    const show = await ssh("frozen", { vm: "spare" }, "sudo", "docker", "exec", "pgsql", "psql", "-U", "sg", "-c", "'SHOW default_transaction_read_only'");
    expect(show.stdout[2]).toBe(" on");
  });

  it("migrator fails again until ALTER DATABASE … default_transaction_read_only = false, then succeeds and the release serves", async () => {
    const up = () => ssh("frozen", "black", "sudo", ...COMPOSE, "up", "-d", "--remove-orphans");
    const refused = await up();
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.at(-1)).toBe('service "migrator" didn\'t complete successfully: exit 1');

    // psql's -c runs in the read-only default: the runbook's SET TRANSACTION READ WRITE comes first.
    expect((await psql("frozen", "black", "ALTER DATABASE sg SET default_transaction_read_only = false")).exitCode).toBe(1);
    expect((await psql("frozen", "black", "SET TRANSACTION READ WRITE; ALTER DATABASE sg SET default_transaction_read_only = false")).exitCode).toBe(0);

    const done = await up();
    expect(done.exitCode, done.stderr.join("\n")).toBe(0);
    expect(await viaTunnel("frozen", "black", "/__version")).toEqual({ status: 200, body: "5.10.0" });
    const ps = await ssh("frozen", "black", "sudo", "docker", "ps", "--all");
    expect(ps.stdout.find((l) => l.endsWith(" migrator"))).toMatch(/Exited \(0\)/);
    // Red was not touched: still read-only, still on its release.
    expect((await psql("frozen", "red", "SHOW default_transaction_read_only")).stdout[2]).toBe(" on");
    expect(await viaTunnel("frozen", "red", "/__version")).toEqual({ status: 200, body: "5.9.1" });
  });
});

describe("instances seeded by slug (one VM called prod)", () => {
  it("behave as before: the public URL and prod's ssh reach the slug's state, even behind a seeded load balancer", async () => {
    await seedProject(gcp.pool, { project: project("elder"), zone: ZONE });
    await seedLoadBalancer(gcp.pool, { project: project("elder"), zone: ZONE, live: "red" });
    await seedInstance(sourcegraph.pool, { slug: "elder", version: "5.8.1" });
    expect(await viaPublicUrl("elder", "/__version")).toEqual({ status: 200, body: "5.8.1" });
    expect((await ssh("elder", "prod", "hostname")).stdout).toEqual(["prod"]);
    expect((await psql("elder", "prod", "SHOW default_transaction_read_only")).stdout[2]).toBe(" off");
    // No VM called prod-red exists there: nothing to reach.
    expect((await ssh("elder", "red", "hostname")).exitCode).toBe(1);
  });

  it("a snapshot of the seeded live disk carries the slug's database to a new colour", async () => {
    await seedProject(gcp.pool, { project: project("heir"), zone: ZONE });
    await seedLoadBalancer(gcp.pool, { project: project("heir"), zone: ZONE, live: "red" });
    await seedInstance(sourcegraph.pool, { slug: "heir", version: "5.9.0", databaseReadOnly: true });
    await snapshotColour(gcp.url, { project: project("heir"), zone: ZONE, colour: "red", snapshot: "heir-1" });
    await gcpCall(gcp.url, "POST", `projects/${project("heir")}/zones/${ZONE}/disks`, { name: "prod-black-data", sourceSnapshot: "global/snapshots/heir-1" });
    await gcpCall(gcp.url, "POST", `projects/${project("heir")}/zones/${ZONE}/instances`, {
      name: "prod-black",
      labels: { deployment: "heir", colour: "black" },
      disks: [{ boot: true, autoDelete: true, initializeParams: { diskSizeGb: "50" } }, { source: `zones/${ZONE}/disks/prod-black-data` }],
      metadata: { items: [{ key: "sourcegraph-version", value: "5.9.0" }, { key: "deploy-ref", value: "v5.9.0" }] },
    });
    expect((await psql("heir", "black", "SHOW default_transaction_read_only")).stdout[2]).toBe(" on");
    // The admin came along: site-init is over on the new colour too.
    expect(await siteInit(`${sourcegraph.url}/vm/${project("heir")}/prod-black`)).toBe(409);
    // The load balancer still points at the seeded red group: the public URL is the slug's.
    expect(await viaPublicUrl("heir", "/__version")).toEqual({ status: 200, body: "5.9.0" });
  });
});
