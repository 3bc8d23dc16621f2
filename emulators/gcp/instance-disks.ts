import type pg from "pg";
import { inUse, invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { asString } from "./request-body";
import { parseResourceRef } from "./resource-ref";
import { LINK_BASE, resourcePath, selfLink, zoneLocation } from "./resources";
import { listResources } from "./store";
import { diskDoc } from "./storage-resources";

type Doc = Record<string, unknown>;

export interface PlannedDisks {
  /** `disks` of the instance document (AttachedDisk, with full `source` URLs). */
  attached: Doc[];
  /** Disks instances.insert creates from `initializeParams` (the boot disk), as disk documents. */
  created: { name: string; doc: Doc }[];
}

/**
 * An insert's `disks`, as GCP resolves them: an entry with `initializeParams` creates a disk
 * (the boot disk, named after the VM unless `diskName` says otherwise) that the VM then
 * lists like any other; an entry with `source` attaches an existing disk of the same zone,
 * which may not already be attached read-write to another VM (red/black: each colour's VM
 * has its own data disk).
 */
export async function planDisks(pool: pg.Pool, project: string, zone: string, vmName: string, disks: unknown): Promise<PlannedDisks> {
  if (!Array.isArray(disks)) throw invalid("Invalid value for field 'resource.disks'");
  const attached: Doc[] = [];
  const created: PlannedDisks["created"] = [];
  for (const [i, raw] of disks.entries()) {
    const d = (raw ?? {}) as Doc;
    const field = `resource.disks[${i}]`;
    const params = d.initializeParams as Doc | undefined;
    const sourceRef = asString(d.source);
    let source: string;
    let sizeGb: string;
    if (sourceRef) {
      const ref = parseResourceRef(sourceRef, project, `${field}.source`);
      if (ref.kind !== "disk") throw invalid(`Invalid value for field '${field}.source': '${sourceRef}'. Expected a disk.`);
      if (ref.location !== zoneLocation(zone)) throw invalid(`Invalid value for field '${field}.source': '${sourceRef}'. The disk must be in zone '${zone}'.`);
      const disk = await getOrNotFound(pool, ref);
      source = String(disk.selfLink);
      sizeGb = String(disk.sizeGb);
      await assertNotAttachedElsewhere(pool, project, zone, source, resourcePath(ref.project, "disk", ref.location, ref.name));
    } else if (params && typeof params === "object") {
      const name = asString(params.diskName) ?? (d.boot ? vmName : `${vmName}-${i}`);
      const size = params.diskSizeGb === undefined ? 10 : Number(params.diskSizeGb);
      if (!Number.isInteger(size) || size < 10 || size > 65_536) {
        throw invalid(`Invalid value for field '${field}.initializeParams.diskSizeGb': '${String(params.diskSizeGb)}'`);
      }
      const doc = diskDoc({ project, zone, name, sizeGb: size, type: lastSegment(asString(params.diskType)) ?? "pd-standard" });
      const image = asString(params.sourceImage);
      if (image) doc.sourceImage = image.startsWith("https://") ? image : `${LINK_BASE}/${image.replace(/^\//, "")}`;
      created.push({ name, doc });
      source = selfLink(project, "disk", zoneLocation(zone), name);
      sizeGb = String(size);
    } else {
      throw invalid(`Required field '${field}.source' not specified`);
    }
    const { initializeParams: _input, ...rest } = d;
    attached.push({
      ...rest,
      kind: "compute#attachedDisk",
      type: "PERSISTENT",
      mode: asString(d.mode) ?? "READ_WRITE",
      source,
      deviceName: asString(d.deviceName) ?? `persistent-disk-${i}`,
      index: i,
      boot: d.boot === true,
      autoDelete: d.autoDelete === true,
      interface: "SCSI",
      diskSizeGb: sizeGb,
    });
  }
  return { attached, created };
}

async function assertNotAttachedElsewhere(pool: pg.Pool, project: string, zone: string, link: string, path: string): Promise<void> {
  const vms = await listResources(pool, { project, kind: "instance", location: zoneLocation(zone) });
  const user = vms.find((vm) => Array.isArray(vm.disks) && (vm.disks as Doc[]).some((d) => d.source === link));
  if (user) throw inUse("disk", path, String(user.selfLink));
}

const lastSegment = (s: string | undefined) => s?.split("/").pop() || undefined;
