import type pg from "pg";
import { invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { recordOperation } from "./operations";
import { requireResource } from "./request-body";
import { insertResource, patchResource, type ResourceKey } from "./store";

/**
 * disks.resize: disks only grow (REALITY.md), online, attached or not; the filesystem on it
 * is the VM's business (resize2fs). Asking for a smaller size is GCP's 400.
 */
export async function resizeDisk(pool: pg.Pool, key: ResourceKey, body: unknown): Promise<Record<string, unknown>> {
  const raw = requireResource(body).sizeGb;
  const sizeGb = Number(raw);
  if (!Number.isInteger(sizeGb) || sizeGb < 1 || sizeGb > 65_536) throw invalid(`Invalid value for field 'sizeGb': '${String(raw)}'`);
  const disk = await getOrNotFound(pool, key);
  const current = Number(disk.sizeGb);
  if (sizeGb < current) throw invalid(`Invalid value for field 'sizeGb': '${sizeGb}'. Disk size cannot be decreased (currently ${current} GB).`);
  // The filesystem on the disk keeps its size until resize2fs grows it (fake gcloud reads this).
  await insertResource(pool, { ...key, kind: "filesystem", data: { sizeGb: current } });
  // int64 travels as a decimal string in proto3 JSON.
  await patchResource(pool, key, { sizeGb: String(sizeGb) });
  return recordOperation(pool, key, "resize", String(disk.id));
}
