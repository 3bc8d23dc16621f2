import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../../lib/shell/run-process";
import { ensureSchema, seedInstance, setContainer } from "../sourcegraph/state";

const GCLOUD = path.resolve(import.meta.dirname, "gcloud");
const SSH = ["compute", "ssh", "prod", "--zone", "us-central1-f", "--project", "sourcegraph-managed-acme", "--tunnel-through-iap"];
let pool: pg.Pool;

async function gcloud(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const result = await runProcess(GCLOUD, args, { cwd: "/", onLine: (s, l) => (s === "stdout" ? stdout : stderr).push(l) });
  return { exitCode: result.exitCode, stdout, stderr };
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await ensureSchema(pool);
  await seedInstance(pool, { slug: "acme", version: "5.10.2" });
});
afterAll(() => pool?.end());

describe("fake gcloud", () => {
  it("prints docker ps as a table, like an operator sees it", async () => {
    await setContainer(pool, "acme", "cadvisor", { state: "exited" });
    const { exitCode, stdout } = await gcloud([...SSH, "--command", "sudo docker ps"]);
    expect(exitCode).toBe(0);
    expect(stdout[0]).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
    expect(stdout.some((l) => /index\.docker\.io\/sourcegraph\/frontend:5\.10\.2 .*Up .*\(healthy\)\s+sourcegraph-frontend-0$/.test(l))).toBe(true);
    expect(stdout.some((l) => l.endsWith("cadvisor"))).toBe(false); // not running: only with --all
  });

  it("prints docker compose ps JSON lines with State and Health", async () => {
    const { exitCode, stdout } = await gcloud([...SSH, "--", "sudo", "docker", "compose", "--project-directory", "/deployment/docker-compose", "ps", "--all", "--format", "json"]);
    expect(exitCode).toBe(0);
    const pgsql = stdout.map((l) => JSON.parse(l)).find((c) => c.Name === "pgsql");
    expect(pgsql).toMatchObject({ Service: "pgsql", State: "running", Health: "healthy" });
  });

  it("answers psql like psql: errors on stderr with exit 1, SHOW as a table", async () => {
    const psql = (sql: string) => gcloud([...SSH, "--command", `sudo docker exec pgsql psql -U sg -c '${sql}'`]);
    expect((await psql("ALTER DATABASE sg SET default_transaction_read_only = true;")).stdout).toEqual(["ALTER DATABASE"]);
    // The runbook's mark-writable command, without "set transaction read write", fails like Postgres.
    expect(await psql("ALTER DATABASE sg SET default_transaction_read_only = false;")).toMatchObject({
      exitCode: 1,
      stderr: ["ERROR:  cannot execute ALTER DATABASE in a read-only transaction"],
    });
    expect((await psql("SHOW default_transaction_read_only")).stdout.slice(0, 3)).toEqual([" default_transaction_read_only ", "-------------------------------", " on"]);
    expect((await psql("set transaction read write; ALTER DATABASE sg SET default_transaction_read_only = false;")).exitCode).toBe(0);
    expect((await psql("DROP DATABASE sg")).exitCode).toBe(127);
  });

  it("refuses what it does not emulate with exit 127 and a clear message", async () => {
    const unknown = await gcloud([...SSH, "--", "sudo", "shutdown", "-h", "now"]);
    expect(unknown.exitCode).toBe(127);
    expect(unknown.stderr[0]).toBe("fake gcloud: command not emulated: sudo shutdown -h now");
    const unquoted = await gcloud([...SSH, "--", "docker", "ps;", "id"]);
    expect(unquoted.exitCode).toBe(127);
    expect(unquoted.stderr[0]).toMatch(/unquoted ";"/);
    expect((await gcloud(["compute", "instances", "list"])).exitCode).toBe(2);
  });
});
