import { fingerprint, locationLink, newId, now, selfLink, zoneLocation } from "./resources";

/** Documents for persistent disks and their snapshots (compute v1 Disk and Snapshot). */

export interface DiskSpec {
  project: string;
  zone: string;
  name: string;
  sizeGb: number;
  /** A disk type URL or bare name; pd-ssd, as Managed Instances' Terraform uses. */
  type?: string;
  labels?: Record<string, string>;
  description?: string;
  source?: { snapshotLink: string; snapshotId: string };
}

export function diskDoc(spec: DiskSpec): Record<string, unknown> {
  const zone = locationLink(spec.project, zoneLocation(spec.zone));
  const type = spec.type ?? "pd-ssd";
  const doc: Record<string, unknown> = {
    kind: "compute#disk",
    id: newId(),
    name: spec.name,
    description: spec.description ?? "",
    creationTimestamp: now(),
    // int64 fields travel as decimal strings in proto3 JSON.
    sizeGb: String(spec.sizeGb),
    zone,
    status: "READY",
    type: type.includes("/") ? type : `${zone}/diskTypes/${type}`,
    labels: spec.labels ?? {},
    labelFingerprint: fingerprint(),
    physicalBlockSizeBytes: "4096",
    selfLink: selfLink(spec.project, "disk", zoneLocation(spec.zone), spec.name),
  };
  if (spec.source) {
    doc.sourceSnapshot = spec.source.snapshotLink;
    doc.sourceSnapshotId = spec.source.snapshotId;
  }
  return doc;
}

export interface SnapshotSpec {
  project: string;
  name: string;
  /** The stored disk document the snapshot is taken from. */
  disk: Record<string, unknown>;
  labels?: Record<string, string>;
  description?: string;
}

export function snapshotDoc(spec: SnapshotSpec): Record<string, unknown> {
  const sizeGb = String(spec.disk.sizeGb ?? "10");
  return {
    kind: "compute#snapshot",
    id: newId(),
    name: spec.name,
    description: spec.description ?? "",
    creationTimestamp: now(),
    // Snapshots complete before the emulator's operation returns, so they are born READY.
    status: "READY",
    sourceDisk: spec.disk.selfLink,
    sourceDiskId: spec.disk.id,
    diskSizeGb: sizeGb,
    // Roughly what an incremental snapshot of a mostly-empty disk costs; only for display.
    storageBytes: String(Math.round(Number(sizeGb) * 0.1 * 2 ** 30)),
    storageBytesStatus: "UP_TO_DATE",
    storageLocations: ["us"],
    snapshotType: "STANDARD",
    labels: spec.labels ?? {},
    labelFingerprint: fingerprint(),
    selfLink: selfLink(spec.project, "snapshot", "global", spec.name),
  };
}
