import type pg from "pg";
import { alreadyExists } from "./errors";
import { validateLabels } from "./labels";
import { getOrNotFound } from "./lookup";
import { recordOperation } from "./operations";
import { asString, requireResource, requireResourceName } from "./request-body";
import { resourcePath } from "./resources";
import { insertResource, type ResourceKey } from "./store";
import { afterComputeInsert } from "./sourcegraph-hooks";
import { snapshotDoc } from "./storage-resources";

/**
 * disks.createSnapshot: the snapshot is global, the operation zonal and aimed at the disk,
 * as in GCP (so callers wait on zoneOperations, not globalOperations).
 */
export async function createSnapshot(pool: pg.Pool, diskKey: ResourceKey, body: unknown): Promise<Record<string, unknown>> {
  const resource = requireResource(body);
  const name = requireResourceName(resource);
  const labels = validateLabels(resource.labels);
  const disk = await getOrNotFound(pool, diskKey);
  const key: ResourceKey = { project: diskKey.project, kind: "snapshot", location: "global", name };
  const doc = { ...resource, ...snapshotDoc({ project: key.project, name, disk, labels, description: asString(resource.description) }) };
  if (!(await insertResource(pool, { ...key, data: doc }))) throw alreadyExists(resourcePath(key.project, "snapshot", "global", name));
  // The snapshot holds what is on the disk now: Sourcegraph's database included.
  await afterComputeInsert(pool, key);
  return recordOperation(pool, diskKey, "createSnapshot", String(disk.id));
}
