import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GcpCallOptions } from "../../lib/gcp/client-options";
import { listProjectsUnder } from "../../lib/gcp/list-projects";
import { createProject } from "../../lib/gcp/projects";
import { createProvisioningClients, type ProvisioningClients } from "../../lib/gcp/provisioning-clients";
import { restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { seedProject } from "./state";

const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
let emulator: GcpEmulator;
let clients: ProvisioningClients;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  clients = createProvisioningClients({ settings: { apiEndpoint: emulator.url }, callOptions: CALL });
});
afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

// Resource Manager v3 projects.list: "Lists projects that are direct children of the specified
// folder or organization resource"; `parent` is required; pages with pageToken.
describe("Resource Manager projects.list", () => {
  it("lists the direct children of one parent only, created or seeded, through the real client", async () => {
    await createProject({ projectId: "listed-created-1", displayName: "Listed one", parent: "folders/111111111111" }, clients);
    await seedProject(emulator.pool, { project: "listed-seeded-2", parent: "folders/111111111111" });
    await seedProject(emulator.pool, { project: "elsewhere-seeded", parent: "folders/222222222222" });
    await seedProject(emulator.pool, { project: "no-parent-seeded" });
    const listed = await listProjectsUnder("folders/111111111111", clients);
    expect(listed.map((p) => p.projectId).sort()).toEqual(["listed-created-1", "listed-seeded-2"]);
  });

  it("refuses a list without a parent, as GCP does (INVALID_ARGUMENT)", async () => {
    const r = await restClient(emulator.url).call("GET", "/v3/projects");
    expect(r.status).toBe(400);
  });

  it("pages with pageSize and nextPageToken", async () => {
    for (let n = 0; n < 3; n++) await seedProject(emulator.pool, { project: `paged-project-${n}`, parent: "folders/333333333333" });
    const rest = restClient(emulator.url);
    const first = await rest.get("/v3/projects?parent=folders/333333333333&pageSize=2");
    expect(first.projects).toHaveLength(2);
    const second = await rest.get(`/v3/projects?parent=folders/333333333333&pageSize=2&pageToken=${first.nextPageToken}`);
    expect(second.projects).toHaveLength(1);
    expect(second.nextPageToken).toBeUndefined();
  });
});
