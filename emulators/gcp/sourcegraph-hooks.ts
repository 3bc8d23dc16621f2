import type pg from "pg";
import { ensureSchema } from "../sourcegraph/schema";
import { bootVm, forgetDeletedDatabases, forgetVm, recordBackendSwitch, restartVm, restoreDatabase, snapshotDatabase, stopVm } from "../sourcegraph/vm-lifecycle";
import { bareLocation } from "./resources";
import { getResource, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/**
 * The one place where Compute Engine calls reach the Sourcegraph emulator (both emulators,
 * one database): a VM that carries a release boots it, a snapshot takes its disk's database
 * along and a disk made from it gets that database, a VM started again re-runs its startup
 * script, deletes forget what went, and a backend switch is timed for the public URL's
 * propagation delay. Hooks run after GCP's own change succeeded.
 */
const ready = new WeakSet<pg.Pool>();

async function sourcegraph(pool: pg.Pool): Promise<pg.Pool> {
  if (!ready.has(pool)) {
    await ensureSchema(pool);
    ready.add(pool);
  }
  return pool;
}

/** After an insert of any compute resource (the stored document). */
export async function afterComputeInsert(pool: pg.Pool, key: ResourceKey): Promise<void> {
  if (key.kind !== "instance" && key.kind !== "disk" && key.kind !== "snapshot") return;
  const doc = await getResource(pool, key);
  if (!doc) return;
  if (key.kind === "instance") {
    const metadata = (doc.metadata as { items?: { key?: string; value?: string }[] } | undefined)?.items ?? [];
    if (!metadata.some((i) => i.key === "sourcegraph-version")) return;
    await bootVm(await sourcegraph(pool), {
      project: key.project,
      zone: bareLocation(key.location),
      vm: key.name,
      labels: (doc.labels as Record<string, string> | undefined) ?? {},
      metadataItems: metadata,
    });
  } else if (key.kind === "disk" && typeof doc.sourceSnapshot === "string") {
    await restoreDatabase(await sourcegraph(pool), doc.sourceSnapshot, { project: key.project, zone: bareLocation(key.location), name: key.name });
  } else if (key.kind === "snapshot" && typeof doc.sourceDisk === "string") {
    await snapshotDatabase(await sourcegraph(pool), doc.sourceDisk, { project: key.project, name: key.name });
  }
}

/** After a delete: a VM's deployment, and every database whose disk or snapshot is gone (auto-deleted boot disks included). */
export async function afterComputeDelete(pool: pg.Pool, key: ResourceKey): Promise<void> {
  if (key.kind !== "instance" && key.kind !== "disk" && key.kind !== "snapshot") return;
  const db = await sourcegraph(pool);
  if (key.kind === "instance") await forgetVm(db, { project: key.project, zone: bareLocation(key.location), vm: key.name });
  await forgetDeletedDatabases(db, key.project);
}

/** After instances.stop / start: the containers go down with the VM; GCE runs the startup script (`docker compose up -d`) on every boot. */
export async function afterVmPower(pool: pg.Pool, key: ResourceKey, verb: "stop" | "start"): Promise<void> {
  const vm = { project: key.project, zone: bareLocation(key.location), vm: key.name };
  await (verb === "start" ? restartVm : stopVm)(await sourcegraph(pool), vm);
}

/** The serving group of a backend service (`backends[0].group`), read before a change. */
export async function servingGroup(pool: pg.Pool, key: ResourceKey): Promise<string | null> {
  if (key.kind !== "backendService") return null;
  const doc = await getResource(pool, key);
  return servingGroupOf(doc);
}

/** After backendServices.patch/update: remember a colour switch (when it happened, from which group). */
export async function afterBackendChange(pool: pg.Pool, key: ResourceKey, before: string | null): Promise<void> {
  if (key.kind !== "backendService") return;
  const after = servingGroupOf(await getResource(pool, key));
  if (after !== before) await recordBackendSwitch(await sourcegraph(pool), key.project, before, after);
}

function servingGroupOf(doc: Doc | undefined): string | null {
  const backends = Array.isArray(doc?.backends) ? (doc.backends as Doc[]) : [];
  return typeof backends[0]?.group === "string" ? backends[0].group : null;
}
