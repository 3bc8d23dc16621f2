import type { protos } from "@google-cloud/compute";
import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { waitForOperation } from "./wait-for-operation";

export interface SnapshotInfo {
  name: string;
  /** CREATING, UPLOADING, READY, FAILED or DELETING. */
  status: string;
  /** The source disk's URL, as GCP reports it. */
  sourceDisk: string;
  diskSizeGb: number;
  labels: Record<string, string>;
  createdAt: string;
}

const snapshotPath = (project: string, name: string) => `projects/${project}/global/snapshots/${name}`;

/**
 * Snapshots a data disk (the upgrade ritual's "snapshot the data disk") and waits until the
 * snapshot is READY. Safe to run again: if a snapshot of that name already exists and was
 * taken from the same disk, it is returned (a retried step after a crash); one of the same
 * name from another disk is an "already-exists" error, never silently reused.
 */
export async function snapshotDisk(
  ref: { project: string; zone: string; disk: string; snapshotName: string; labels?: Record<string, string> },
  clients: GcpClients = defaultGcpClients(),
): Promise<SnapshotInfo> {
  const resource = snapshotPath(ref.project, ref.snapshotName);
  try {
    const [lro] = await callGcp(clients, resource, () =>
      clients.disks.createSnapshot(
        { project: ref.project, zone: ref.zone, disk: ref.disk, snapshotResource: { name: ref.snapshotName, labels: ref.labels ?? {} } },
        clients.callOptions,
      ),
    );
    await waitForOperation(clients, resource, lro, { project: ref.project, zone: ref.zone }, "snapshot");
  } catch (err) {
    if (!(err instanceof GcpError && err.kind === "already-exists")) throw err;
    const existing = await getSnapshot({ project: ref.project, name: ref.snapshotName }, clients);
    if (!existing.sourceDisk.endsWith(`/zones/${ref.zone}/disks/${ref.disk}`)) {
      throw new GcpError("already-exists", resource, `Snapshot ${ref.snapshotName} already exists but was taken from ${existing.sourceDisk}, not disk ${ref.disk}`);
    }
  }
  return waitForSnapshotReady({ project: ref.project, name: ref.snapshotName }, clients);
}

/** A snapshot's status is READY once uploaded; a disk can only be made from a READY snapshot. */
export async function waitForSnapshotReady(
  ref: { project: string; name: string },
  clients: GcpClients = defaultGcpClients(),
  opts: { intervalMs?: number; maxWaitMs?: number } = {},
): Promise<SnapshotInfo> {
  const deadline = Date.now() + (opts.maxWaitMs ?? 30 * 60_000);
  for (;;) {
    const snapshot = await getSnapshot(ref, clients);
    if (snapshot.status === "READY") return snapshot;
    const resource = snapshotPath(ref.project, ref.name);
    if (snapshot.status === "FAILED") throw new GcpError("failed", resource, `Snapshot ${resource} failed`);
    if (Date.now() > deadline) throw new GcpError("timeout", resource, `Snapshot ${resource} is still ${snapshot.status}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 5_000));
  }
}

export async function getSnapshot(ref: { project: string; name: string }, clients: GcpClients = defaultGcpClients()): Promise<SnapshotInfo> {
  const resource = snapshotPath(ref.project, ref.name);
  const [s] = await callGcp(clients, resource, () => clients.snapshots.get({ project: ref.project, snapshot: ref.name }, clients.callOptions));
  return toSnapshotInfo(s);
}

/**
 * The project's snapshots, optionally only those carrying every given label (e.g. the
 * upgrade snapshots of one instance, for pruning). Labels are matched here rather than with
 * a `labels.x = y` filter so the same code works against the emulator's smaller filter syntax.
 */
export async function listSnapshots(
  ref: { project: string; labels?: Record<string, string> },
  clients: GcpClients = defaultGcpClients(),
): Promise<SnapshotInfo[]> {
  const [items] = await callGcp(clients, `projects/${ref.project}/global/snapshots`, () =>
    clients.snapshots.list({ project: ref.project }, clients.callOptions),
  );
  const wanted = Object.entries(ref.labels ?? {});
  return items.map(toSnapshotInfo).filter((s) => wanted.every(([k, v]) => s.labels[k] === v));
}

/** Deletes a snapshot (pruning). Safe to run again: an already-deleted snapshot returns `deleted: false`. */
export async function deleteSnapshot(
  ref: { project: string; name: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<{ deleted: boolean }> {
  const resource = snapshotPath(ref.project, ref.name);
  try {
    const [lro] = await callGcp(clients, resource, () => clients.snapshots.delete({ project: ref.project, snapshot: ref.name }, clients.callOptions));
    await waitForOperation(clients, resource, lro, { project: ref.project, global: true }, "delete");
    return { deleted: true };
  } catch (err) {
    if (err instanceof GcpError && err.kind === "not-found") return { deleted: false };
    throw err;
  }
}

function toSnapshotInfo(s: protos.google.cloud.compute.v1.ISnapshot): SnapshotInfo {
  return {
    name: s.name ?? "",
    status: s.status ?? "",
    sourceDisk: s.sourceDisk ?? "",
    diskSizeGb: Number(s.diskSizeGb ?? 0),
    labels: { ...(s.labels ?? {}) },
    createdAt: s.creationTimestamp ?? "",
  };
}

