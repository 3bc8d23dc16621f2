import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../../lib/shell/run-process";
import { startGcpEmulator, type GcpEmulator } from "../gcp/server";
import { createProject } from "../gcp/state";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../sourcegraph/server";
import { seedInstance } from "../sourcegraph/state";
import { seedTwoColourInstance } from "../sourcegraph/testing/colours";

/**
 * A release is the deploy repository's docker-compose.yaml at tag v<version> (REALITY.md):
 * it pins every image by tag and digest, no variable selects the version, and moving a VM to
 * a release is `git checkout` + `docker compose pull` + `docker compose up -d`, with the
 * migrator running `up` first. Checked only through the fake gcloud and HTTP.
 */
const GCLOUD = path.resolve(import.meta.dirname, "gcloud");
const ZONE = "us-central1-f";
const COMPOSE = ["sudo", "docker", "compose", "--project-directory", "/deployment/docker-compose"];
const GIT = ["sudo", "git", "-C", "/deployment"];
let gcp: GcpEmulator;
let sourcegraph: SourcegraphEmulator;

const project = (slug: string) => `sourcegraph-managed-${slug}`;

beforeAll(async () => {
  gcp = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  sourcegraph = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  for (const [slug, version] of [
    ["rel", "5.9.1"],
    ["leap", "5.8.1"],
  ]) {
    await createProject(gcp.pool, project(slug));
    await seedTwoColourInstance(gcp.url, { project: project(slug), zone: ZONE, slug, live: { colour: "red", version } });
  }
});
afterAll(async () => {
  await sourcegraph?.close();
  await gcp?.close();
});

async function ssh(slug: string, vm: string, ...command: string[]) {
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const result = await runProcess(GCLOUD, ["compute", "ssh", vm, "--zone", ZONE, "--project", project(slug), "--tunnel-through-iap", "--", ...command], {
    timeoutMs: 60_000,
    onLine: (stream, line) => lines[stream].push(line),
  });
  return { exitCode: result.exitCode, ...lines };
}

/** docker ps --all as JSON objects, by name. */
async function containers(slug: string, vm = "prod-red"): Promise<Record<string, { Image: string; Status: string; State: string }>> {
  const { stdout } = await ssh(slug, vm, "sudo", "docker", "ps", "--all", "--format", "'{{json .}}'");
  return Object.fromEntries(stdout.map((l) => JSON.parse(l)).map((c) => [c.Names, c]));
}

const tunnelVersion = async (slug: string, vm = "prod-red") => {
  const res = await fetch(`${sourcegraph.url}/vm/${project(slug)}/${vm}/__version`);
  return `${res.status} ${await res.text()}`;
};

describe("the release on a VM", () => {
  it("is docker-compose.yaml at the deploy repo's tag: every image pinned by tag and digest, the migrator first", async () => {
    const file = (await ssh("rel", "prod-red", "sudo", "cat", "/deployment/docker-compose/docker-compose.yaml")).stdout.join("\n");
    expect(file).toMatch(/image: 'index\.docker\.io\/sourcegraph\/frontend:5\.9\.1@sha256:[0-9a-f]{64}'/);
    expect(file).toMatch(/image: 'index\.docker\.io\/sourcegraph\/migrator:5\.9\.1@sha256:[0-9a-f]{64}'/);
    expect(file).toMatch(/ {2}migrator:\n {4}container_name: migrator\n.*\n {4}command: \['up'\]/);
    expect(file).toMatch(/ {2}sourcegraph-frontend-internal:\n(?: {4}.*\n| {6}.*\n| {8}.*\n)*? {6}migrator:\n {8}condition: service_completed_successfully/);
    expect(file).not.toMatch(/SOURCEGRAPH_VERSION|\$\{/);
    expect((await ssh("rel", "prod-red", ...GIT, "describe", "--tags", "--exact-match")).stdout).toEqual(["v5.9.1"]);
  });

  it("does not change when SOURCEGRAPH_VERSION is set: no variable selects the version", async () => {
    const up = await ssh("rel", "prod-red", "sudo", "env", "SOURCEGRAPH_VERSION=5.10.0", ...COMPOSE.slice(1), "up", "-d", "--remove-orphans");
    expect(up.exitCode, up.stderr.join("\n")).toBe(0);
    expect((await containers("rel"))["sourcegraph-frontend-0"].Image).toMatch(/:5\.9\.1@sha256:/);
    expect(await tunnelVersion("rel")).toBe("200 5.9.1");
    expect((await ssh("rel", "prod-red", ...GIT, "describe", "--tags")).stdout).toEqual(["v5.9.1"]);
  });

  it("moves with git checkout v<version> + pull + up -d --remove-orphans; the migrator completes (Exited (0))", async () => {
    expect((await ssh("rel", "prod-red", ...GIT, "fetch", "--tags")).exitCode).toBe(0);
    const checkout = await ssh("rel", "prod-red", ...GIT, "checkout", "--force", "v5.10.0");
    expect(checkout.exitCode).toBe(0);
    expect(checkout.stderr.at(-1)).toMatch(/^HEAD is now at [0-9a-f]{7} /);
    expect((await ssh("rel", "prod-red", "sudo", "cat", "/deployment/docker-compose/docker-compose.yaml")).stdout.join("\n")).toContain("sourcegraph/frontend:5.10.0@sha256:");

    // Pulling fetches the new images and changes nothing that runs.
    const pull = await ssh("rel", "prod-red", ...COMPOSE, "pull");
    expect(pull.exitCode).toBe(0);
    expect(pull.stderr).toContain(" sourcegraph-frontend-0 Pulled");
    expect((await containers("rel"))["sourcegraph-frontend-0"].Image).toMatch(/:5\.9\.1@/);
    expect(await tunnelVersion("rel")).toBe("200 5.9.1");

    const up = await ssh("rel", "prod-red", ...COMPOSE, "up", "-d", "--remove-orphans");
    expect(up.exitCode, up.stderr.join("\n")).toBe(0);
    expect(up.stderr).toContain(" Container sourcegraph-frontend-0  Recreated");
    const after = await containers("rel");
    expect(after["sourcegraph-frontend-0"].Image).toMatch(/sourcegraph\/frontend:5\.10\.0@sha256:/);
    expect(after.migrator).toMatchObject({ State: "exited", Status: expect.stringMatching(/^Exited \(0\) /), Image: expect.stringMatching(/migrator:5\.10\.0@/) });
    expect(after.caddy.Status).toMatch(/^Up /);
    expect(await tunnelVersion("rel")).toBe("200 5.10.0");
    expect(await (await fetch(`${sourcegraph.instanceUrl("rel")}/__version`)).text()).toBe("5.10.0");
  });

  it("refuses a tag the deploy repo does not have with git's error, and needs the compose file's directory", async () => {
    const unknown = await ssh("rel", "prod-red", ...GIT, "checkout", "--force", "v9.9.9");
    expect(unknown).toMatchObject({ exitCode: 1, stderr: ["error: pathspec 'v9.9.9' did not match any file(s) known to git"] });
    expect((await ssh("rel", "prod-red", ...GIT, "describe", "--tags")).stdout).toEqual(["v5.10.0"]);
    const nowhere = await ssh("rel", "prod-red", "sudo", "docker", "compose", "up", "-d");
    expect(nowhere).toMatchObject({ exitCode: 1, stderr: ["no configuration file provided: not found"] });
  });

  it("stops with docker compose stop, and comes back with up -d", async () => {
    expect((await ssh("rel", "prod-red", ...COMPOSE, "stop")).exitCode).toBe(0);
    const stopped = await containers("rel");
    expect(Object.values(stopped).filter((c) => c.State === "running")).toEqual([]);
    expect((await fetch(`${sourcegraph.url}/vm/${project("rel")}/prod-red/healthz`).catch((e: Error) => e)) instanceof Error).toBe(true);
    expect((await ssh("rel", "prod-red", ...COMPOSE, "up", "-d")).exitCode).toBe(0);
    expect(await tunnelVersion("rel")).toBe("200 5.10.0");
  });
});

describe("a jump across several minor releases", () => {
  it("is refused by up -d's migrator (one minor version at a time): the frontend does not start", async () => {
    expect((await ssh("leap", "prod-red", ...GIT, "checkout", "--force", "v5.10.2")).exitCode).toBe(0);
    const up = await ssh("leap", "prod-red", ...COMPOSE, "up", "-d", "--remove-orphans");
    expect(up.exitCode).toBe(1);
    const logs = await ssh("leap", "prod-red", "sudo", "docker", "logs", "migrator");
    expect(logs.stderr.join("\n")).toContain('upgrading "frontend" from "5.8.1" to "5.10.2" is not allowed');
    expect(await tunnelVersion("leap")).toBe("502 502 Bad Gateway");
  });

  it("takes the multi-version procedure: stop, migrator upgrade --from --to (checked against the database), up -d", async () => {
    expect((await ssh("leap", "prod-red", ...COMPOSE, "stop")).exitCode).toBe(0);
    const upgrade = (...flags: string[]) => ssh("leap", "prod-red", ...COMPOSE, "run", "--rm", "migrator", "upgrade", ...flags);

    const wrongFrom = await upgrade("--from=5.9", "--to=5.10");
    expect(wrongFrom.exitCode).not.toBe(0);
    expect(wrongFrom.stderr.join("\n")).toMatch(/the database is at 5\.8\.1, not 5\.9/);
    expect((await upgrade("--from=5.8", "--to=5.11")).stderr.join("\n")).toMatch(/does not know v5\.11/);

    const psql = (sql: string) => ssh("leap", "prod-red", "sudo", "docker", "exec", "pgsql", "psql", "-U", "sg", "-c", `'${sql}'`);
    expect((await psql("ALTER DATABASE sg SET default_transaction_read_only = true")).exitCode).toBe(0);
    const readOnly = await upgrade("--from=5.8", "--to=5.10");
    expect(readOnly.exitCode).not.toBe(0);
    expect(readOnly.stderr.join("\n")).toMatch(/read-only transaction/);
    expect((await psql("SET TRANSACTION READ WRITE; ALTER DATABASE sg SET default_transaction_read_only = false")).exitCode).toBe(0);

    const done = await upgrade("--from=5.8", "--to=5.10");
    expect(done.exitCode, done.stderr.join("\n")).toBe(0);
    const up = await ssh("leap", "prod-red", ...COMPOSE, "up", "-d", "--remove-orphans");
    expect(up.exitCode, up.stderr.join("\n")).toBe(0);
    expect((await containers("leap")).migrator.Status).toMatch(/^Exited \(0\) /);
    expect(await tunnelVersion("leap")).toBe("200 5.10.2");
  });
});

describe("a legacy instance (its one VM is prod)", () => {
  it("moves between releases the same way", async () => {
    await seedInstance(sourcegraph.pool, { slug: "elder", version: "5.10.1" });
    expect((await ssh("elder", "prod", ...GIT, "describe", "--tags")).stdout).toEqual(["v5.10.1"]);
    expect((await ssh("elder", "prod", "sudo", "env", "SOURCEGRAPH_VERSION=5.10.2", ...COMPOSE.slice(1), "up", "-d", "--remove-orphans")).exitCode).toBe(0);
    expect(await (await fetch(`${sourcegraph.instanceUrl("elder")}/__version`)).text()).toBe("5.10.1");
    expect((await ssh("elder", "prod", ...GIT, "checkout", "--force", "v5.10.2")).exitCode).toBe(0);
    expect((await ssh("elder", "prod", ...COMPOSE, "up", "-d", "--remove-orphans")).exitCode).toBe(0);
    expect((await containers("elder", "prod"))["gitserver-0"].Image).toMatch(/:5\.10\.2@/);
    expect(await (await fetch(`${sourcegraph.instanceUrl("elder")}/__version`)).text()).toBe("5.10.2");
  });
});
