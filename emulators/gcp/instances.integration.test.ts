import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSchema as ensureSourcegraphSchema, getInstance, seedInstance } from "../sourcegraph/state";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject } from "./state";

/**
 * instances.insert and friends as GCP answers them (REALITY.md "GCP Compute Engine"): the VM
 * gets what insert was given, names are unique per zone, machine types are checked and
 * changed only on a stopped VM, and a VM carrying a Sourcegraph release boots it.
 */
const P = "sourcegraph-managed-boots";
const ZONE = "us-central1-a";
const Z = `/compute/v1/projects/${P}/zones/${ZONE}`;

let emulator: GcpEmulator;
let api: ReturnType<typeof restClient>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  api = restClient(emulator.url);
  await ensureSourcegraphSchema(emulator.pool);
  await createProject(emulator.pool, P);
  await createProject(emulator.pool, "sourcegraph-managed-known");
});
afterAll(() => emulator?.close());

const insert = (body: Record<string, unknown>, zonePath = Z) => api.call("POST", `${zonePath}/instances`, body);
/** A power change, waited for as every client does (the operation's `wait`). */
const power = async (path: string, verb: "stop" | "start") => {
  const op = (await api.call("POST", `${path}/${verb}`)).body;
  return (await api.call("POST", `${Z}/operations/${op.name}/wait`)).body;
};

describe("instances.insert", () => {
  it("stores the requested machine type as a URL of the VM's zone; the default only when none is sent", async () => {
    expect(outcome(await insert({ name: "typed", machineType: `zones/${ZONE}/machineTypes/n1-standard-32` }))).toEqual([200, "ok"]);
    expect((await api.get(`${Z}/instances/typed`)).machineType).toBe(`https://www.googleapis.com/compute/v1/projects/${P}/zones/${ZONE}/machineTypes/n1-standard-32`);
    await insert({ name: "untyped" });
    expect((await api.get(`${Z}/instances/untyped`)).machineType).toMatch(/\/machineTypes\/n2-standard-8$/);
    for (const t of ["e2-standard-4", "n2-standard-128"]) {
      expect(outcome(await insert({ name: `vm-${t}`, machineType: `projects/${P}/zones/${ZONE}/machineTypes/${t}` }))).toEqual([200, "ok"]);
    }
  });

  it("refuses unknown machine types, another zone's, and bare names with 400 invalid", async () => {
    for (const machineType of [`zones/${ZONE}/machineTypes/n1-standard-3`, `zones/${ZONE}/machineTypes/m9-huge-1`, `zones/us-east1-b/machineTypes/n1-standard-8`, "n1-standard-8"]) {
      const reply = await insert({ name: "bad-type", machineType });
      expect(outcome(reply), machineType).toEqual([400, "invalid"]);
      expect(reply.body.error.message).toContain("resource.machineType");
    }
    expect((await api.call("GET", `${Z}/instances/bad-type`)).status).toBe(404);
  });

  it("answers a second insert of the same name in the same zone with 409 alreadyExists, and allows it in another zone", async () => {
    const first = await api.get(`${Z}/instances/typed`);
    const again = await insert({ name: "typed", machineType: `zones/${ZONE}/machineTypes/n1-standard-8` });
    expect(outcome(again)).toEqual([409, "alreadyExists"]);
    expect((await api.get(`${Z}/instances/typed`)).id).toBe(first.id);
    const other = `/compute/v1/projects/${P}/zones/us-central1-b`;
    expect(outcome(await insert({ name: "typed", machineType: "zones/us-central1-b/machineTypes/n1-standard-8" }, other))).toEqual([200, "ok"]);
  });

  it("creates the boot disk from initializeParams, attaches an existing data disk, and deletes the boot disk with the VM", async () => {
    await api.call("POST", `${Z}/disks`, { name: "data-1", sizeGb: "200" });
    const reply = await insert({
      name: "disked",
      disks: [
        { boot: true, autoDelete: true, initializeParams: { diskSizeGb: "50", sourceImage: "projects/debian-cloud/global/images/family/debian-12" } },
        { source: `zones/${ZONE}/disks/data-1`, deviceName: "docker-data" },
      ],
    });
    expect(outcome(reply)).toEqual([200, "ok"]);
    const vm = await api.get(`${Z}/instances/disked`);
    expect(vm.disks.map((d: Record<string, unknown>) => [String(d.source).split("/").pop(), d.boot, d.autoDelete, d.diskSizeGb])).toEqual([
      ["disked", true, true, "50"],
      ["data-1", false, false, "200"],
    ]);
    expect(await api.get(`${Z}/disks/disked`)).toMatchObject({ sizeGb: "50", sourceImage: expect.stringContaining("debian-cloud") });

    // A read-write disk serves one VM: the other colour needs a disk of its own.
    expect(outcome(await insert({ name: "thief", disks: [{ source: `zones/${ZONE}/disks/data-1` }] }))).toEqual([400, "resourceInUseByAnotherResource"]);

    expect((await api.call("DELETE", `${Z}/instances/disked`)).status).toBe(200);
    expect((await api.call("GET", `${Z}/disks/disked`)).status).toBe(404);
    expect((await api.call("GET", `${Z}/disks/data-1`)).status).toBe(200);
  });

  it("gives each VM an internal IP of its own", async () => {
    await insert({ name: "nic-a", networkInterfaces: [{ network: "global/networks/default" }] });
    await insert({ name: "nic-b", networkInterfaces: [{ network: "global/networks/default" }] });
    const [a, b] = await Promise.all(["nic-a", "nic-b"].map((n) => api.get(`${Z}/instances/${n}`)));
    expect(a.networkInterfaces[0].network).toBe(`https://www.googleapis.com/compute/v1/projects/${P}/global/networks/default`);
    expect(a.networkInterfaces[0].networkIP).not.toBe(b.networkInterfaces[0].networkIP);
  });
});

describe("changing a VM", () => {
  it("changes the machine type only while the VM is stopped", async () => {
    const path = `${Z}/instances/typed`;
    const body = { machineType: `zones/${ZONE}/machineTypes/n1-standard-16` };
    expect(outcome(await api.call("POST", `${path}/setMachineType`, body))).toEqual([400, "resourceNotReady"]);
    await power(path, "stop");
    expect(outcome(await api.call("POST", `${path}/setMachineType`, { machineType: `zones/${ZONE}/machineTypes/n1-standard-7` }))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${path}/setMachineType`, body))).toEqual([200, "ok"]);
    await power(path, "start");
    expect(await api.get(path)).toMatchObject({ status: "RUNNING", machineType: expect.stringMatching(/\/n1-standard-16$/) });
  });

  it("stops through STOPPING to TERMINATED and starts through STAGING to RUNNING, each done when its operation is", async () => {
    await insert({ name: "powered" });
    const path = `${Z}/instances/powered`;
    const stop = (await api.call("POST", `${path}/stop`)).body;
    expect(stop).toMatchObject({ kind: "compute#operation", operationType: "stop", status: "RUNNING" });
    expect((await api.get(path)).status).toBe("STOPPING");
    // Not yet stopped: no new machine type, and no start either.
    expect(outcome(await api.call("POST", `${path}/setMachineType`, { machineType: `zones/${ZONE}/machineTypes/n1-standard-16` }))).toEqual([400, "resourceNotReady"]);
    expect(outcome(await api.call("POST", `${path}/start`))).toEqual([400, "resourceNotReady"]);
    expect((await api.call("POST", `${Z}/operations/${stop.name}/wait`)).body.status).toBe("DONE");
    expect((await api.get(path)).status).toBe("TERMINATED");
    // Stopping a stopped VM changes nothing: its operation is born DONE.
    expect((await api.call("POST", `${path}/stop`)).body.status).toBe("DONE");

    const start = (await api.call("POST", `${path}/start`)).body;
    expect(start.status).toBe("RUNNING");
    expect((await api.get(path)).status).toBe("STAGING");
    expect((await api.get(`${Z}/operations/${start.name}`)).status).toBe("DONE");
    expect((await api.get(path)).status).toBe("RUNNING");
  });

  it("replaces metadata only with the current fingerprint (412 conditionNotMet otherwise)", async () => {
    const path = `${Z}/instances/typed`;
    const { metadata } = await api.get(path);
    const items = [{ key: "sourcegraph-version", value: "5.10.2" }];
    expect(outcome(await api.call("POST", `${path}/setMetadata`, { fingerprint: "stale", items }))).toEqual([412, "conditionNotMet"]);
    expect(outcome(await api.call("POST", `${path}/setMetadata`, { fingerprint: metadata.fingerprint, items }))).toEqual([200, "ok"]);
    const after = (await api.get(path)).metadata;
    expect(after.items).toEqual(items);
    expect(after.fingerprint).not.toBe(metadata.fingerprint);
  });

  it("grows a disk and refuses to shrink it", async () => {
    expect(outcome(await api.call("POST", `${Z}/disks/data-1/resize`, { sizeGb: "100" }))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${Z}/disks/data-1/resize`, { sizeGb: "300" }))).toEqual([200, "ok"]);
    expect((await api.get(`${Z}/disks/data-1`)).sizeGb).toBe("300");
  });
});

describe("a VM that carries a Sourcegraph release", () => {
  const sourcegraphVm = (name: string, version: string, labels: Record<string, string> = {}) => ({
    name,
    labels,
    metadata: { items: [{ key: "sourcegraph-version", value: version }] },
  });

  it("boots a fresh Sourcegraph of that version, waiting for its first admin", async () => {
    expect(await getInstance(emulator.pool, "boots")).toBeNull();
    await insert(sourcegraphVm("prod-red", "5.10.1", { deployment: "boots" }));
    expect(await getInstance(emulator.pool, "boots")).toMatchObject({ slug: "boots", version: "5.10.1", needsSiteInit: true, admin: null });
  });

  it("never resets an instance that exists (the other colour, a recreated VM)", async () => {
    await seedInstance(emulator.pool, { slug: "known", version: "5.9.0", project: "sourcegraph-managed-known" });
    const known = `/compute/v1/projects/sourcegraph-managed-known/zones/${ZONE}`;
    await insert(sourcegraphVm("prod-black", "5.10.1"), known);
    expect(await getInstance(emulator.pool, "known")).toMatchObject({ version: "5.9.0", needsSiteInit: false });

    await insert(sourcegraphVm("prod-black", "5.11.0", { deployment: "boots" }));
    expect(await getInstance(emulator.pool, "boots")).toMatchObject({ version: "5.10.1", needsSiteInit: true });
  });

  it("boots nothing for a VM without the version", async () => {
    await insert({ name: "plain", labels: { deployment: "plain-vm" } });
    expect(await getInstance(emulator.pool, "plain-vm")).toBeNull();
  });
});
