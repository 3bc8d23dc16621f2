import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGcpClients, getGuestAttributes, type GcpClients } from "../../lib/gcp";
import { parseContainers } from "../../lib/ssh/parse-containers";
import { ensureSchema as ensureSourcegraphSchema, seedInstances, setContainer, setFaults } from "../sourcegraph/state";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { seedProjects, setVmStatus } from "./state";

/**
 * instances.getGuestAttributes (REALITY.md "Guest attributes"): a VM built by the deployment
 * module (guest attributes enabled, the health report cron job in its metadata) publishes its
 * containers, /healthz and /__version as Caddy answers them on the VM; a VM built by hand, or
 * one that is not running, publishes nothing (404).
 */
const built = "sourcegraph-managed-built";
const manual = "sourcegraph-managed-manual";
const ZONE = "us-central1-f";

let emulator: GcpEmulator;
let clients: GcpClients;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await ensureSourcegraphSchema(emulator.pool);
  await seedProjects(emulator.pool, [
    { project: built, zone: ZONE, healthReport: true },
    { project: manual, zone: ZONE },
  ]);
  await seedInstances(emulator.pool, [
    { slug: "built", version: "5.10.1" },
    { slug: "manual", version: "5.10.1" },
  ]);
  clients = createGcpClients({ settings: { apiEndpoint: emulator.url, accessToken: "t" }, callOptions: { retry: null, timeout: 10_000 } });
});
afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const report = () => getGuestAttributes({ project: built, zone: ZONE, vmName: "prod", namespace: "sourcegraph" }, clients);

describe("getGuestAttributes", () => {
  it("serves the health report of a module-built VM: every container (migrator Exited (0)), /healthz, /__version, when", async () => {
    const values = (await report())!;
    expect(values.get("healthz")).toBe("200");
    expect(values.get("version")).toBe("5.10.1");
    expect(Math.abs(Number(values.get("reported-at")) - Date.now() / 1000)).toBeLessThan(120);
    const containers = parseContainers(values.get("containers")!.split("\n"));
    expect(containers.find((c) => c.name === "migrator")).toMatchObject({ state: "exited", exitCode: 0 });
    expect(containers.find((c) => c.name === "gitserver-0")).toMatchObject({ state: "running", health: "healthy" });
    expect(values.get("containers")!.length).toBeLessThanOrEqual(4000);
  });

  it("follows the deployment: an unhealthy container, a frontend down (502), a crashed one-shot", async () => {
    await setFaults(emulator.pool, "built", { unhealthyContainers: ["gitserver-0"], frontendDown: true });
    await setContainer(emulator.pool, "built", "migrator", { exitCode: 1 });
    const values = (await report())!;
    expect(values.get("healthz")).toBe("502");
    expect(values.get("version")).toBe("");
    const containers = parseContainers(values.get("containers")!.split("\n"));
    expect(containers.find((c) => c.name === "gitserver-0")?.health).toBe("unhealthy");
    expect(containers.find((c) => c.name === "migrator")).toMatchObject({ state: "exited", exitCode: 1 });
  });

  it("answers one key with variableKey, and 404 for a VM built by hand, a stopped VM, or a key never published", async () => {
    const api = restClient(emulator.url);
    const path = `/compute/v1/projects/${built}/zones/${ZONE}/instances/prod/getGuestAttributes`;
    expect((await api.get(`${path}?variableKey=sourcegraph/healthz`)).variableValue).toBe("502");
    expect(outcome(await api.call("GET", `${path}?variableKey=sourcegraph/nothing`))).toEqual([404, "notFound"]);
    expect(await getGuestAttributes({ project: manual, zone: ZONE, vmName: "prod", namespace: "sourcegraph" }, clients)).toBeNull();
    await setVmStatus(emulator.pool, { project: built, status: "TERMINATED" });
    expect(await report()).toBeNull();
  });
});
