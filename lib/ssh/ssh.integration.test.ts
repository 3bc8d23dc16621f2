import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSchema, getInstance, seedInstances, setFaults } from "../../emulators/sourcegraph/state";
import { projectIdForSlug } from "../instances/slug";
import { listContainers, probeDatabaseWrite, restartFrontend, runOnVm, setDatabaseReadOnly, SshError, upgradeInPlace } from "./index";

const FAKE_GCLOUD_DIR = path.resolve(import.meta.dirname, "../../emulators/fake-gcloud");
const acme = { project: "sourcegraph-managed-acme", zone: "us-central1-f" };
const LONG_SLUG = "globex-corporation";
let pool: pg.Pool;
let originalPath: string | undefined;

beforeAll(async () => {
  // The adapter spawns `gcloud` from PATH: the fake goes first, as in demo mode.
  originalPath = process.env.PATH;
  process.env.PATH = `${FAKE_GCLOUD_DIR}${path.delimiter}${originalPath}`;
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await ensureSchema(pool);
  await seedInstances(pool, [
    { slug: "acme", version: "5.10.1" },
    { slug: LONG_SLUG, version: "5.9.1" },
  ]);
});
afterAll(async () => {
  process.env.PATH = originalPath;
  await pool?.end();
});

describe("SSH adapter against the fake gcloud", () => {
  it("lists containers with state and health, streaming lines to onLine", async () => {
    const lines: string[] = [];
    const containers = await listContainers({ ...acme, onLine: (_stream, line) => lines.push(line) });
    expect(containers.map((c) => c.name)).toEqual(expect.arrayContaining(["caddy", "sourcegraph-frontend-0", "gitserver-0", "pgsql", "grafana", "jaeger"]));
    expect(containers.find((c) => c.name === "pgsql")).toMatchObject({ state: "running", health: "healthy" });
    expect(containers.find((c) => c.name === "sourcegraph-frontend-0")?.image).toMatch(/sourcegraph\/frontend:5\.10\.1@sha256:/);
    expect(lines.length).toBe(containers.length);

    await setFaults(pool, "acme", { unhealthyContainers: ["gitserver-0"] });
    const degraded = await listContainers(acme);
    expect(degraded.find((c) => c.name === "gitserver-0")).toMatchObject({ state: "running", health: "unhealthy" });
    await setFaults(pool, "acme", { unhealthyContainers: [] });
  });

  it("makes the database read-only and writable again, confirmed by a write probe", async () => {
    expect(await probeDatabaseWrite(acme)).toBe(true);
    await setDatabaseReadOnly(acme, true);
    expect((await getInstance(pool, "acme"))!.databaseReadOnly).toBe(true);
    expect(await probeDatabaseWrite(acme)).toBe(false);
    await setDatabaseReadOnly(acme, true); // repeating a step is safe
    await setDatabaseReadOnly(acme, false);
    expect(await probeDatabaseWrite(acme)).toBe(true);
    expect((await getInstance(pool, "acme"))!.databaseReadOnly).toBe(false);
  });

  it("restarts the frontend, clearing a pending restart", async () => {
    await pool.query("UPDATE sourcegraph_emulator.instance SET pending_restart = true WHERE slug = 'acme'");
    await restartFrontend(acme);
    expect((await getInstance(pool, "acme"))!.pendingRestart).toBe(false);
  });

  it("switches the deployment's version in place", async () => {
    const stderr: string[] = [];
    await upgradeInPlace({ ...acme, onLine: (stream, line) => stream === "stderr" && stderr.push(line) }, "5.10.2");
    expect((await getInstance(pool, "acme"))!.version).toBe("5.10.2");
    expect(stderr).toContain(" Container sourcegraph-frontend-0  Recreated");
    expect((await listContainers(acme)).find((c) => c.name === "gitserver-0")?.image).toMatch(/:5\.10\.2@/);
    await expect(upgradeInPlace(acme, "5.10.2; reboot")).rejects.toThrow(/invalid Sourcegraph version/);
  });

  it("reaches a long slug's hashed project through the mapping row", async () => {
    const project = projectIdForSlug(LONG_SLUG);
    expect(project).not.toBe(`sourcegraph-managed-${LONG_SLUG}`);
    const containers = await listContainers({ project, zone: "us-east1-b" });
    expect(containers.find((c) => c.name === "sourcegraph-frontend-0")?.image).toMatch(/:5\.9\.1@/);
  });

  it("reports an unreachable VM, an unknown project and an unknown command distinctly", async () => {
    await setFaults(pool, "acme", { sshUnreachable: true });
    await expect(listContainers(acme)).rejects.toMatchObject({ kind: "unreachable", exitCode: 255 });
    await expect(probeDatabaseWrite(acme)).rejects.toMatchObject({ kind: "unreachable" });
    await setFaults(pool, "acme", { sshUnreachable: false });

    const missing = await listContainers({ project: "sourcegraph-managed-nobody", zone: "us-central1-f" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SshError);
    expect((missing as SshError).message).toMatch(/was not found/);

    const unknown = await runOnVm({ ...acme, command: ["sudo", "reboot"] });
    expect(unknown.exitCode).toBe(127);
    expect(unknown.stderr[0]).toMatch(/not emulated: sudo reboot/);
  });

  it("passes hostile arguments through as literal text", async () => {
    const result = await runOnVm({ ...acme, command: ["sudo", "docker", "restart", "x; touch /tmp/pwned", "$(id)"] });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toEqual(["Error response from daemon: No such container: x; touch /tmp/pwned", "Error response from daemon: No such container: $(id)"]);
  });

  it("refuses invalid targets before spawning anything, and honours cancellation", async () => {
    await expect(listContainers({ ...acme, project: "x --impersonate-service-account=evil" })).rejects.toMatchObject({ kind: "invalid-target" });
    const controller = new AbortController();
    controller.abort();
    await expect(listContainers({ ...acme, signal: controller.signal })).rejects.toMatchObject({ kind: "cancelled" });
  });
});
