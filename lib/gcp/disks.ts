import type { protos } from "@google-cloud/compute";
import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { lastSegment } from "./resource-url";
import { waitForOperation } from "./wait-for-operation";

export interface DiskInfo {
  name: string;
  zone: string;
  sizeGb: number;
  /** CREATING, RESTORING, READY, FAILED or DELETING. */
  status: string;
  /** Bare disk type, e.g. pd-ssd. */
  type: string;
  /** The snapshot's name when the disk was made from one. */
  sourceSnapshot: string | null;
  labels: Record<string, string>;
}

const diskPath = (project: string, zone: string, disk: string) => `projects/${project}/zones/${zone}/disks/${disk}`;

/**
 * Makes the new colour's data disk from the upgrade snapshot (red/black: "a new disk made
 * from the snapshot"). Safe to run again: an existing disk of that name made from the same
 * snapshot is returned; one made from anything else is an "already-exists" error.
 */
export async function createDiskFromSnapshot(
  ref: {
    project: string;
    zone: string;
    disk: string;
    snapshot: string;
    /** Defaults to the snapshot's size; GCP refuses anything smaller. */
    sizeGb?: number;
    diskType?: string;
    labels?: Record<string, string>;
  },
  clients: GcpClients = defaultGcpClients(),
): Promise<DiskInfo> {
  const resource = diskPath(ref.project, ref.zone, ref.disk);
  const diskResource: protos.google.cloud.compute.v1.IDisk = {
    name: ref.disk,
    sourceSnapshot: `projects/${ref.project}/global/snapshots/${ref.snapshot}`,
    labels: ref.labels ?? {},
    ...(ref.sizeGb === undefined ? {} : { sizeGb: String(ref.sizeGb) }),
    ...(ref.diskType ? { type: `projects/${ref.project}/zones/${ref.zone}/diskTypes/${ref.diskType}` } : {}),
  };
  try {
    const [lro] = await callGcp(clients, resource, () =>
      clients.disks.insert({ project: ref.project, zone: ref.zone, diskResource }, clients.callOptions),
    );
    await waitForOperation(clients, resource, lro, { project: ref.project, zone: ref.zone }, "disk creation");
  } catch (err) {
    if (!(err instanceof GcpError && err.kind === "already-exists")) throw err;
    const existing = await getDisk(ref, clients);
    if (existing.sourceSnapshot !== ref.snapshot) {
      throw new GcpError("already-exists", resource, `Disk ${ref.disk} already exists but was not made from snapshot ${ref.snapshot}`);
    }
    return existing;
  }
  return getDisk(ref, clients);
}

export async function getDisk(ref: { project: string; zone: string; disk: string }, clients: GcpClients = defaultGcpClients()): Promise<DiskInfo> {
  const resource = diskPath(ref.project, ref.zone, ref.disk);
  const [d] = await callGcp(clients, resource, () => clients.disks.get({ project: ref.project, zone: ref.zone, disk: ref.disk }, clients.callOptions));
  return {
    name: d.name ?? ref.disk,
    zone: ref.zone,
    sizeGb: Number(d.sizeGb ?? 0),
    status: d.status ?? "",
    type: lastSegment(d.type ?? ""),
    sourceSnapshot: d.sourceSnapshot ? lastSegment(d.sourceSnapshot) : null,
    labels: { ...(d.labels ?? {}) },
  };
}
