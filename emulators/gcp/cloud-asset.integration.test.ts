import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleetSearchClient, GcpError, searchFleetVmStates, vmKey, type FleetSearchClient } from "../../lib/gcp";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { seedProjects, setVmStatus } from "./state";

/**
 * Cloud Asset Inventory's searchAllResources as GCP serves it (REALITY.md): every VM of every
 * project under a folder, 500 per page at most, opaque page tokens bound to their request,
 * and a per-consumer quota answered with 429 RESOURCE_EXHAUSTED, read through the real
 * @google-cloud/asset client.
 */
const FOLDER = "folders/424242";
const COUNT = 1_203;
const project = (i: number) => `sourcegraph-managed-a${String(i).padStart(5, "0")}`;

let emulator: GcpEmulator;
let client: FleetSearchClient;
let api: ReturnType<typeof restClient>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0, assetQuota: { requests: 6, windowMs: 1_500 } });
  api = restClient(emulator.url);
  await seedProjects(emulator.pool, [
    ...Array.from({ length: COUNT }, (_, i) => ({ project: project(i), zone: "us-central1-f", parent: FOLDER })),
    { project: "sourcegraph-managed-elsewhere", parent: "folders/999" },
  ]);
  await setVmStatus(emulator.pool, { project: project(7), status: "TERMINATED" });
  client = createFleetSearchClient({ settings: { apiEndpoint: emulator.url, accessToken: "t" }, callOptions: { retry: null, timeout: 10_000 } });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

const search = (query: string) => api.call("GET", `/v1/${FOLDER}:searchAllResources?${query}`);
const waitForQuota = () => new Promise((r) => setTimeout(r, 1_600));

describe("searchAllResources", () => {
  it("pages through every VM under the folder, 500 at most per page, with its state; none from another folder", async () => {
    await waitForQuota();
    const fleet = await searchFleetVmStates(FOLDER, client);
    expect(fleet.pages).toBe(3);
    expect(fleet.states.size).toBe(COUNT);
    expect(fleet.states.get(vmKey(project(7), "us-central1-f", "prod"))).toBe("TERMINATED");
    expect(fleet.states.get(vmKey(project(8), "us-central1-f", "prod"))).toBe("RUNNING");
    expect([...fleet.states.keys()].some((k) => k.includes("elsewhere"))).toBe(false);
  });

  it("caps pageSize at 500, names results with the project ID and the project by number, and binds tokens to their request", async () => {
    await waitForQuota();
    const first = await search("assetTypes=compute.googleapis.com/Instance&pageSize=2000");
    expect(first.status).toBe(200);
    expect(first.body.results).toHaveLength(500);
    const r = first.body.results[0];
    expect(r.name).toBe(`//compute.googleapis.com/projects/${project(0)}/zones/us-central1-f/instances/prod`);
    expect(r.project).toMatch(/^projects\/\d+$/);
    expect(r).toMatchObject({ assetType: "compute.googleapis.com/Instance", location: "us-central1-f", state: "RUNNING", folders: [FOLDER] });
    const other = await search(`assetTypes=compute.googleapis.com/Instance&pageSize=10&pageToken=${first.body.nextPageToken}`);
    expect(outcome(other)).toEqual([400, "invalid"]);
    expect(outcome(await search("assetTypes=compute.googleapis.com/Instance&pageToken=garbage"))).toEqual([400, "invalid"]);
  });

  it("answers 429 RESOURCE_EXHAUSTED over the per-minute quota; the fleet search waits and finishes", async () => {
    await waitForQuota();
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push(await search("assetTypes=compute.googleapis.com/Instance&pageSize=1"));
    expect(replies.slice(0, 6).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(replies[6].status).toBe(429);
    expect(replies[6].body.error.status).toBe("RESOURCE_EXHAUSTED");
    // The library itself does not retry RESOURCE_EXHAUSTED: the search's own backoff does.
    await expect(searchFleetVmStates(FOLDER, client, { deadlineMs: 0 })).rejects.toBeInstanceOf(GcpError);
    const fleet = await searchFleetVmStates(FOLDER, client, { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 400))) });
    expect(fleet.states.size).toBe(COUNT);
    expect(fleet.quotaRetries).toBeGreaterThan(0);
  });
});
