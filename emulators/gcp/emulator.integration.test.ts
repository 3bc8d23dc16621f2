import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { seedProject } from "./state";

let emulator: GcpEmulator;
const AUTH = { authorization: "Bearer anything" };

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await seedProject(emulator.pool, { project: "p1", region: "us-central1", zone: "us-central1-a" });
});
afterAll(() => emulator?.close());

async function call(method: string, pathname: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(`${emulator.url}${pathname}`, { method, headers: init.headers ?? AUTH, body: init.body });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("GCP emulator over HTTP", () => {
  it("rejects requests without a bearer token in GCP's error shape", async () => {
    const { status, body } = await call("GET", "/compute/v1/projects/p1/zones/us-central1-a/instances/prod", { headers: {} });
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED", errors: [{ reason: "required" }] });
    expect((await call("GET", "/compute/v1/projects/p1/zones/us-central1-a/instances/prod", { headers: { authorization: "Basic x" } })).status).toBe(401);
  });

  it("serves a seeded instance and 404s a missing one", async () => {
    const ok = await call("GET", "/compute/v1/projects/p1/zones/us-central1-a/instances/prod");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: "compute#instance", name: "prod", status: "RUNNING" });
    expect(ok.body.zone).toBe("https://www.googleapis.com/compute/v1/projects/p1/zones/us-central1-a");

    const missing = await call("GET", "/compute/v1/projects/p1/zones/us-central1-a/instances/other");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        code: 404,
        message: "The resource 'projects/p1/zones/us-central1-a/instances/other' was not found",
        errors: [{ message: "The resource 'projects/p1/zones/us-central1-a/instances/other' was not found", domain: "global", reason: "notFound" }],
        status: "NOT_FOUND",
      },
    });
    const unknownRoute = await call("GET", "/compute/v1/projects/p1/global/networks");
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.status).toBe("NOT_FOUND");
  });

  it("rejects bad input with 400", async () => {
    const badJson = await call("POST", "/compute/v1/projects/p1/global/addresses", { body: "{" });
    expect([badJson.status, badJson.body.error.errors[0].reason]).toEqual([400, "parseError"]);
    const badName = await call("POST", "/compute/v1/projects/p1/global/addresses", { body: JSON.stringify({ name: "Bad_Name" }) });
    expect([badName.status, badName.body.error.status]).toEqual([400, "INVALID_ARGUMENT"]);
    const badFilter = await call("GET", "/compute/v1/projects/p1/global/addresses?filter=name%20~%20x");
    expect(badFilter.status).toBe(400);
  });

  it("creates its schema idempotently when several start at once", async () => {
    const more = await Promise.all([0, 1, 2].map(() => startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 })));
    await Promise.all(more.map((e) => e.close()));
  });

  it("runs as a CLI and stops cleanly on SIGTERM", async () => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const child = spawn(tsx, ["emulators/gcp/main.ts"], {
      env: { ...process.env, GCP_EMULATOR_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stderr.on("data", (d) => (out += String(d)));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += String(d);
        if (out.includes("\n")) resolve(out.trim());
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/compute/v1/projects/p1/global/sslCertificates/default-ssl-cert`, { headers: AUTH });
    expect(((await res.json()) as { managed: { status: string } }).managed.status).toBe("ACTIVE");
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
