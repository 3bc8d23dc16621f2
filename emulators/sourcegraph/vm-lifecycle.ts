import pg from "pg";
import { releaseOfTag } from "./compose-file";
import {
  DATABASE_CREDENTIAL_TABLE,
  DATABASE_TABLE,
  databaseLocation,
  dataDiskOf,
  diskFromLink,
  LEGACY_TABLE,
  slugOfVm,
  VM_TABLE,
  type DatabaseKey,
  type VmAddress,
} from "./deployment-ref";
import { composeStop, composeUp } from "./deployment-ops";
import { defaultSiteConfig } from "./defaults";
import type { Db } from "./instance-record";
import { loadDeployment, withDeploymentLock } from "./instance-state";
import { ensureSchema } from "./schema";

/**
 * What the GCP emulator's compute calls do to Sourcegraph (its hooks call these; see
 * emulators/gcp/sourcegraph-hooks.ts):
 *
 * - a VM inserted with `sourcegraph-version` (and `deploy-ref`) metadata boots: its startup
 *   script clones the deploy repo at `deploy-ref` and runs `docker compose up -d`, against
 *   its data disk's database, created fresh (waiting for site-init) when the disk has none;
 * - a snapshot of a disk copies the disk's database (read-only setting included), and a disk
 *   made from a snapshot starts with the snapshot's copy;
 * - deleting a VM forgets what ran on it; deleting a disk or a snapshot, its database.
 */
type DiskKey = Extract<DatabaseKey, { kind: "disk" }>;
type SnapshotKey = Extract<DatabaseKey, { kind: "snapshot" }>;

export interface BootingVm extends VmAddress {
  labels?: Record<string, string>;
  metadataItems: { key?: string; value?: string }[];
}

/** Boots a VM the GCP emulator just created. Returns false when it carries no release (nothing to run). */
export async function bootVm(pool: pg.Pool, vm: BootingVm, now = new Date()): Promise<boolean> {
  const meta = (key: string) => vm.metadataItems.find((i) => i.key === key)?.value;
  const sourcegraphVersion = meta("sourcegraph-version");
  if (!sourcegraphVersion) return false;
  const deployRef = meta("deploy-ref");
  // The startup script checks out deploy-ref; a ref the repository lacks leaves nothing running.
  const release = deployRef ? releaseOfTag(deployRef) : releaseOfTag(`v${sourcegraphVersion}`);
  if (!release) return false;

  await ensureSchema(pool);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const disk = await dataDiskOf(client, vm);
    await createDatabase(client, disk, { version: release, needsSiteInit: true });
    // A new VM (the name may have been used before, by a deleted VM): nothing ran on it yet.
    await client.query(
      `INSERT INTO ${VM_TABLE} (project, zone, name, slug, compose_version, containers, booted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, '{}'::jsonb, $6, now())
       ON CONFLICT (project, zone, name) DO UPDATE SET slug = excluded.slug, compose_version = excluded.compose_version,
         containers = '{}'::jsonb, pending_restart = false, faults = '{}', booted_at = excluded.booted_at, updated_at = now()`,
      [vm.project, vm.zone, vm.vm, slugOfVm(vm.project, vm.labels), release, now],
    );
    const deployment = await loadDeployment(client, { kind: "vm", project: vm.project, zone: vm.zone, vm: vm.vm }, true);
    await composeUp(client, deployment!, [], now);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A fresh Sourcegraph database on a blank disk, unless the disk already holds one. */
export async function createDatabase(db: Db, key: DiskKey, seed: { version: string; needsSiteInit: boolean; siteConfig?: string }): Promise<boolean> {
  const [location, name] = databaseLocation(key);
  const { rowCount } = await db.query(
    `INSERT INTO ${DATABASE_TABLE} (project, kind, location, name, needs_site_init, admin, site_config, site_config_id, settings, settings_id, db_read_only, schema_version)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, 1, NULL, NULL, false, $7)
     ON CONFLICT DO NOTHING`,
    [key.project, key.kind, location, name, seed.needsSiteInit, seed.siteConfig ?? defaultSiteConfig(), seed.version],
  );
  return rowCount === 1;
}

/**
 * disks.createSnapshot (or snapshots.insert with `sourceDisk`): the snapshot holds a copy of
 * the disk's database as it is now, `default_transaction_read_only` included. A disk of a
 * legacy instance (seeded by slug, so its database lives in the legacy row: the demo fleet's
 * `prod-red-data`) gives the legacy database.
 */
export async function snapshotDatabase(db: Db, diskLink: string, snapshot: { project: string; name: string }): Promise<boolean> {
  const disk = diskFromLink(diskLink);
  if (!disk) return false;
  const to: SnapshotKey = { kind: "snapshot", project: snapshot.project, snapshot: snapshot.name };
  if (await copyDatabase(db, disk, to)) return true;
  const { rows } = await db.query<{ slug: string }>(
    `SELECT i.slug FROM ${LEGACY_TABLE} i
     WHERE i.slug IN (SELECT slug FROM sourcegraph_emulator.project WHERE project = $1) OR 'sourcegraph-managed-' || i.slug = $1
     LIMIT 1`,
    [disk.project],
  );
  return rows[0] ? copyDatabase(db, { kind: "legacy", slug: rows[0].slug }, to) : false;
}

/** disks.insert with `sourceSnapshot`: the new disk starts with the snapshot's database (if it has one). */
export async function restoreDatabase(db: Db, snapshotLink: string, disk: { project: string; zone: string; name: string }): Promise<boolean> {
  const m = /(?:^|\/)projects\/([^/]+)\/global\/snapshots\/([^/?#]+)$/.exec(snapshotLink);
  if (!m) return false;
  return copyDatabase(db, { kind: "snapshot", project: m[1], snapshot: decodeURIComponent(m[2]) }, { kind: "disk", project: disk.project, zone: disk.zone, disk: disk.name });
}

/** Replaces `to`'s database with a copy of `from`'s (settings, tokens, read-only flag, schema). False when `from` has none. */
export async function copyDatabase(db: Db, from: DatabaseKey, to: Exclude<DatabaseKey, { kind: "legacy" }>): Promise<boolean> {
  const [toLocation, toName] = databaseLocation(to);
  const dest = [to.project, to.kind, toLocation, toName];
  const columns = "needs_site_init, admin, users, site_config, site_config_id, settings, settings_id, db_read_only";
  let copied: number | null;
  let credentials: { sql: string; params: unknown[] };
  if (from.kind === "legacy") {
    ({ rowCount: copied } = await db.query(
      `INSERT INTO ${DATABASE_TABLE} (project, kind, location, name, ${columns}, schema_version)
       SELECT $2, $3, $4, $5, ${columns}, coalesce(schema_version, version) FROM ${LEGACY_TABLE} WHERE slug = $1
       ON CONFLICT (project, kind, location, name) DO UPDATE SET ${assignAll(columns)}, schema_version = excluded.schema_version, updated_at = now()`,
      [from.slug, ...dest],
    ));
    credentials = {
      sql: `SELECT $1::text, $2::text, $3::text, $4::text, secret_sha256, kind, note, scopes, created_at FROM sourcegraph_emulator.credential WHERE slug = $5`,
      params: [...dest, from.slug],
    };
  } else {
    const [fromLocation, fromName] = databaseLocation(from);
    const source = [from.project, from.kind, fromLocation, fromName];
    ({ rowCount: copied } = await db.query(
      `INSERT INTO ${DATABASE_TABLE} (project, kind, location, name, ${columns}, schema_version)
       SELECT $5, $6, $7, $8, ${columns}, schema_version FROM ${DATABASE_TABLE} WHERE project = $1 AND kind = $2 AND location = $3 AND name = $4
       ON CONFLICT (project, kind, location, name) DO UPDATE SET ${assignAll(columns)}, schema_version = excluded.schema_version, updated_at = now()`,
      [...source, ...dest],
    ));
    credentials = {
      sql: `SELECT $1::text, $2::text, $3::text, $4::text, secret_sha256, credential_kind, note, scopes, created_at FROM ${DATABASE_CREDENTIAL_TABLE}
            WHERE project = $5 AND kind = $6 AND location = $7 AND name = $8`,
      params: [...dest, ...source],
    };
  }
  if (!copied) return false;
  await db.query(`DELETE FROM ${DATABASE_CREDENTIAL_TABLE} WHERE project = $1 AND kind = $2 AND location = $3 AND name = $4`, dest);
  await db.query(
    `INSERT INTO ${DATABASE_CREDENTIAL_TABLE} (project, kind, location, name, secret_sha256, credential_kind, note, scopes, created_at) ${credentials.sql}`,
    credentials.params,
  );
  return true;
}

const assignAll = (columns: string) =>
  columns
    .split(",")
    .map((c) => c.trim())
    .map((c) => `${c} = excluded.${c}`)
    .join(", ");

/** instances.start: the startup script runs again (`docker compose up -d` on the checkout as it is). */
export async function restartVm(pool: pg.Pool, vm: VmAddress): Promise<void> {
  await withDeploymentLock(pool, { kind: "vm", ...vm }, (client, deployment) => composeUp(client, deployment));
}

/** instances.stop: the VM powers off, its containers with it. */
export async function stopVm(pool: pg.Pool, vm: VmAddress): Promise<void> {
  await withDeploymentLock(pool, { kind: "vm", ...vm }, (client, deployment) => composeStop(client, deployment));
}

/** A deleted VM: what ran on it is gone (its data disk, if kept, keeps the database). */
export async function forgetVm(db: Db, vm: VmAddress): Promise<void> {
  await db.query(`DELETE FROM ${VM_TABLE} WHERE project = $1 AND zone = $2 AND name = $3`, [vm.project, vm.zone, vm.vm]);
}

/**
 * Databases whose disk or snapshot no longer exists in the GCP emulator (deleted, or
 * auto-deleted with its VM) go with it. Run after every delete in the project.
 */
export async function forgetDeletedDatabases(db: Db, project: string): Promise<void> {
  await db.query(
    `DELETE FROM ${DATABASE_TABLE} d WHERE d.project = $1
       AND NOT EXISTS (SELECT 1 FROM gcp_emulator.resource r WHERE r.project = d.project AND r.kind = d.kind AND r.location = d.location AND r.name = d.name)
       -- A VM created without disks keeps its data on a boot disk named after it (dataDiskOf).
       AND NOT EXISTS (SELECT 1 FROM ${VM_TABLE} v WHERE d.kind = 'disk' AND v.project = d.project AND 'zones/' || v.zone = d.location AND v.name = d.name)`,
    [project],
  );
}

/**
 * The backend service's serving group changed (a colour switch): remembered so the public
 * URL can keep serving the previous group for the configured propagation time.
 */
export async function recordBackendSwitch(db: Db, project: string, previousGroup: string | null, currentGroup: string | null): Promise<void> {
  if (previousGroup === currentGroup) return;
  await db.query(
    `INSERT INTO sourcegraph_emulator.lb_switch (project, previous_group, current_group, switched_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (project) DO UPDATE SET previous_group = excluded.previous_group, current_group = excluded.current_group, switched_at = excluded.switched_at`,
    [project, previousGroup, currentGroup],
  );
}
