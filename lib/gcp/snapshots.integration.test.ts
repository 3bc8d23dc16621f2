import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "../../emulators/gcp/server";
import { seedLoadBalancer, seedProject } from "../../emulators/gcp/state";
import type { GcpCallOptions } from "./client-options";
import { createGcpClients, type GcpClients } from "./clients";
import { createDiskFromSnapshot, getDisk } from "./disks";
import { GcpError } from "./errors";
import { deleteSnapshot, getSnapshot, listSnapshots, snapshotDisk, waitForSnapshotReady } from "./snapshots";

const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const PROJECT = "sourcegraph-managed-acme";
const ZONE = "us-central1-f";

let emulator: GcpEmulator;
let clients: GcpClients;
let pool: pg.Pool;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  pool = emulator.pool;
  clients = createGcpClients({ settings: { apiEndpoint: emulator.url }, callOptions: CALL });
  await seedProject(pool, { project: PROJECT, zone: ZONE });
  await seedLoadBalancer(pool, { project: PROJECT, zone: ZONE, live: "red", dataDiskSizeGb: 500 });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GcpError);

describe("upgrade snapshots through the real compute clients", () => {
  const labels = { purpose: "upgrade", "from-version": "5-9-0" };

  it("snapshots the live data disk and can run again", async () => {
    const snap = await snapshotDisk({ project: PROJECT, zone: ZONE, disk: "prod-red-data", snapshotName: "acme-upgrade-1", labels }, clients);
    expect(snap).toMatchObject({ name: "acme-upgrade-1", status: "READY", diskSizeGb: 500, labels });
    expect(snap.sourceDisk).toBe(`https://www.googleapis.com/compute/v1/projects/${PROJECT}/zones/${ZONE}/disks/prod-red-data`);
    // A retried step finds its own snapshot and carries on.
    expect(await snapshotDisk({ project: PROJECT, zone: ZONE, disk: "prod-red-data", snapshotName: "acme-upgrade-1" }, clients)).toEqual(snap);
    expect(await getSnapshot({ project: PROJECT, name: "acme-upgrade-1" }, clients)).toEqual(snap);
  });

  it("refuses to reuse a snapshot of another disk, a missing disk and bad labels", async () => {
    await clients.disks.insert({ project: PROJECT, zone: ZONE, diskResource: { name: "other-disk", sizeGb: "20" } }, CALL);
    const other = await rejection(snapshotDisk({ project: PROJECT, zone: ZONE, disk: "other-disk", snapshotName: "acme-upgrade-1" }, clients));
    expect(other).toBeInstanceOf(GcpError);
    expect(other).toMatchObject({ kind: "already-exists" });
    expect(other!.message).toContain("not disk other-disk");

    expect(await rejection(snapshotDisk({ project: PROJECT, zone: ZONE, disk: "nope", snapshotName: "s-missing" }, clients))).toMatchObject({
      kind: "not-found",
    });
    expect(
      await rejection(snapshotDisk({ project: PROJECT, zone: ZONE, disk: "other-disk", snapshotName: "s-bad", labels: { Colour: "Red" } }, clients)),
    ).toMatchObject({ kind: "invalid" });
  });

  it("lists snapshots by label", async () => {
    await snapshotDisk({ project: PROJECT, zone: ZONE, disk: "other-disk", snapshotName: "weekly-1", labels: { purpose: "weekly" } }, clients);
    expect((await listSnapshots({ project: PROJECT }, clients)).map((s) => s.name)).toEqual(["acme-upgrade-1", "weekly-1"]);
    expect((await listSnapshots({ project: PROJECT, labels: { purpose: "upgrade" } }, clients)).map((s) => s.name)).toEqual(["acme-upgrade-1"]);
  });

  it("makes the new colour's disk from the snapshot, idempotently", async () => {
    const disk = await createDiskFromSnapshot(
      { project: PROJECT, zone: ZONE, disk: "prod-black-data", snapshot: "acme-upgrade-1", labels: { colour: "black" } },
      clients,
    );
    expect(disk).toEqual({
      name: "prod-black-data",
      zone: ZONE,
      sizeGb: 500,
      status: "READY",
      type: "pd-ssd",
      sourceSnapshot: "acme-upgrade-1",
      labels: { colour: "black" },
    });
    expect(await createDiskFromSnapshot({ project: PROJECT, zone: ZONE, disk: "prod-black-data", snapshot: "acme-upgrade-1" }, clients)).toEqual(disk);
    const [raw] = await clients.disks.get({ project: PROJECT, zone: ZONE, disk: "prod-black-data" }, CALL);
    expect(raw.sourceSnapshot).toBe(`https://www.googleapis.com/compute/v1/projects/${PROJECT}/global/snapshots/acme-upgrade-1`);

    const bigger = await createDiskFromSnapshot({ project: PROJECT, zone: ZONE, disk: "bigger", snapshot: "acme-upgrade-1", sizeGb: 750 }, clients);
    expect(bigger.sizeGb).toBe(750);
    const smaller = await rejection(createDiskFromSnapshot({ project: PROJECT, zone: ZONE, disk: "smaller", snapshot: "acme-upgrade-1", sizeGb: 100 }, clients));
    expect(smaller).toMatchObject({ kind: "invalid" });
    expect((smaller!.cause as Error).message).toContain("cannot be smaller than the snapshot size");
    expect(await rejection(createDiskFromSnapshot({ project: PROJECT, zone: ZONE, disk: "prod-black-data", snapshot: "weekly-1" }, clients))).toMatchObject({
      kind: "already-exists",
    });
    expect(await rejection(createDiskFromSnapshot({ project: PROJECT, zone: ZONE, disk: "x", snapshot: "missing" }, clients))).toMatchObject({ kind: "not-found" });
  });

  it("waits for a snapshot that is still uploading", async () => {
    await pool.query(`UPDATE gcp_emulator.resource SET data = data || '{"status":"UPLOADING"}' WHERE kind = 'snapshot' AND name = 'weekly-1'`);
    setTimeout(() => {
      void pool.query(`UPDATE gcp_emulator.resource SET data = data || '{"status":"READY"}' WHERE kind = 'snapshot' AND name = 'weekly-1'`);
    }, 300);
    const started = Date.now();
    const ready = await waitForSnapshotReady({ project: PROJECT, name: "weekly-1" }, clients, { intervalMs: 50 });
    expect(ready.status).toBe("READY");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await pool.query(`UPDATE gcp_emulator.resource SET data = data || '{"status":"FAILED"}' WHERE kind = 'snapshot' AND name = 'weekly-1'`);
    expect(await rejection(waitForSnapshotReady({ project: PROJECT, name: "weekly-1" }, clients, { intervalMs: 10 }))).toMatchObject({ kind: "failed" });
  });

  it("refuses to delete a disk a VM uses, with GCP's resourceInUseByAnotherResource", async () => {
    await clients.instances.insert(
      { project: PROJECT, zone: ZONE, instanceResource: { name: "prod-black", disks: [{ source: `zones/${ZONE}/disks/prod-black-data` }] } },
      CALL,
    );
    const err = await clients.disks.delete({ project: PROJECT, zone: ZONE, disk: "prod-black-data" }, CALL).then(() => new Error("expected a rejection"), (e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 3 });
    expect(err.message).toContain("is already being used by");
    expect((await getDisk({ project: PROJECT, zone: ZONE, disk: "prod-black-data" }, clients)).status).toBe("READY");
  });

  it("deletes snapshots, and a second delete is a no-op", async () => {
    expect(await deleteSnapshot({ project: PROJECT, name: "weekly-1" }, clients)).toEqual({ deleted: true });
    expect(await deleteSnapshot({ project: PROJECT, name: "weekly-1" }, clients)).toEqual({ deleted: false });
    expect(await rejection(getSnapshot({ project: PROJECT, name: "weekly-1" }, clients))).toMatchObject({ kind: "not-found" });
  });
});
