import pg from "pg";
import { freshContainers, type ContainerRecord } from "./containers";
import {
  dataDiskOf,
  databaseForSlug,
  databaseTarget,
  deploymentForSlug,
  LEGACY_TABLE,
  vmTarget,
  VM_TABLE,
  type DatabaseKey,
  type DeploymentRef,
} from "./deployment-ref";
import { DATABASE_COLUMNS, INSTANCE_COLUMNS, rowToInstance, VM_COLUMNS, vmRowToInstance, type Db, type EmulatedInstance, type Faults } from "./instance-record";

/**
 * Reading and changing deployments. Two ways to name one:
 *
 * - by ref (deployment-ref.ts): a legacy instance or one VM, what the HTTP server and the
 *   fake gcloud resolve a request to;
 * - by slug, the API of tests and seeding: the deployment the slug's public URL reaches
 *   (`deploymentForSlug`). For an instance seeded by slug that is its legacy `prod`
 *   deployment, exactly as before VMs were modelled; for a VM-built instance, the VM the
 *   load balancer points at.
 */

/** The deployment a slug's public URL reaches, loaded; null when there is none. */
export async function getInstance(db: Db, slug: string): Promise<EmulatedInstance | null> {
  const ref = await deploymentForSlug(db, slug);
  return ref ? loadDeployment(db, ref) : null;
}

export async function loadDeployment(db: Db, ref: DeploymentRef, lock = false): Promise<EmulatedInstance | null> {
  const forUpdate = lock ? " FOR UPDATE" : "";
  if (ref.kind === "legacy") {
    const { rows } = await db.query(`SELECT ${INSTANCE_COLUMNS} FROM ${LEGACY_TABLE} WHERE slug = $1${forUpdate}`, [ref.slug]);
    return rows[0] ? rowToInstance(rows[0]) : null;
  }
  const target = vmTarget(ref);
  const vm = (await db.query(`SELECT ${VM_COLUMNS} FROM ${target.table} WHERE ${target.where}${forUpdate}`, target.params)).rows[0];
  if (!vm) return null;
  const disk = await dataDiskOf(db, ref);
  const dbTarget = databaseTarget(disk);
  const database = (await db.query(`SELECT ${DATABASE_COLUMNS} FROM ${dbTarget.table} WHERE ${dbTarget.where}${forUpdate}`, dbTarget.params)).rows[0];
  return vmRowToInstance(vm, disk, database ?? null);
}

/**
 * The instance behind a GCP project: the mapping row written at seeding (needed for long
 * slugs, whose project IDs are hashed), else `sourcegraph-managed-<slug>` read literally.
 */
export async function slugForProject(db: Db, project: string): Promise<string | null> {
  const { rows } = await db.query<{ slug: string }>(
    `SELECT slug FROM sourcegraph_emulator.project WHERE project = $1
     UNION ALL SELECT slug FROM ${LEGACY_TABLE} WHERE 'sourcegraph-managed-' || slug = $1
     UNION ALL SELECT slug FROM ${VM_TABLE} WHERE project = $1
     LIMIT 1`,
    [project],
  );
  return rows[0]?.slug ?? null;
}

async function refOf(db: Db, target: string | DeploymentRef): Promise<DeploymentRef | null> {
  return typeof target === "string" ? deploymentForSlug(db, target) : target;
}

/**
 * Merges fault flags (a key set to null/false turns that fault off) into a deployment: by
 * slug (what its public URL reaches) or by ref (e.g. one VM). False when there is none.
 */
export async function setFaults(db: Db, target: string | DeploymentRef, faults: Faults): Promise<boolean> {
  const ref = await refOf(db, target);
  if (!ref) return false;
  const t = vmTarget(ref);
  const { rowCount } = await db.query(`UPDATE ${t.table} SET faults = faults || $${t.next}::jsonb, updated_at = now() WHERE ${t.where}`, [
    ...t.params,
    JSON.stringify(faults),
  ]);
  return rowCount === 1;
}

export async function clearFaults(db: Db, target: string | DeploymentRef): Promise<void> {
  const ref = await refOf(db, target);
  if (!ref) return;
  const t = vmTarget(ref);
  await db.query(`UPDATE ${t.table} SET faults = '{}', updated_at = now() WHERE ${t.where}`, t.params);
}

export async function setContainer(db: Db, target: string | DeploymentRef, name: string, patch: Partial<ContainerRecord>): Promise<boolean> {
  const ref = await refOf(db, target);
  if (!ref) return false;
  const t = vmTarget(ref);
  const { rowCount } = await db.query(
    `UPDATE ${t.table} SET containers = jsonb_set(containers, ARRAY[$${t.next}::text], containers->$${t.next} || $${t.next + 1}::jsonb), updated_at = now()
     WHERE ${t.where} AND containers ? $${t.next}`,
    [...t.params, name, JSON.stringify(patch)],
  );
  return rowCount === 1;
}

/** Writes a whole set of containers (compose up/stop), keeping the legacy `version` column on the frontend's release. */
export async function writeContainers(db: Db, ref: DeploymentRef, containers: Record<string, ContainerRecord>, extra: { pendingRestart?: boolean } = {}): Promise<void> {
  const t = vmTarget(ref);
  const restart = extra.pendingRestart === undefined ? "pending_restart" : `$${t.next + 1}::boolean`;
  const params: unknown[] = [...t.params, JSON.stringify(containers)];
  if (extra.pendingRestart !== undefined) params.push(extra.pendingRestart);
  const legacyVersion = ref.kind === "legacy" ? `, version = coalesce($${t.next}::jsonb->'sourcegraph-frontend-0'->>'version', version)` : "";
  await db.query(`UPDATE ${t.table} SET containers = $${t.next}::jsonb, pending_restart = ${restart}${legacyVersion}, updated_at = now() WHERE ${t.where}`, params);
}

/** `git checkout v<version>` in the deployment's clone. */
export async function setComposeVersion(db: Db, ref: DeploymentRef, version: string): Promise<void> {
  const t = vmTarget(ref);
  await db.query(`UPDATE ${t.table} SET compose_version = $${t.next}, updated_at = now() WHERE ${t.where}`, [...t.params, version]);
}

/** `ALTER DATABASE sg SET default_transaction_read_only`, by slug or on one database (a disk's). */
export async function setDatabaseReadOnly(db: Db, target: string | DatabaseKey, readOnly: boolean): Promise<void> {
  const key = typeof target === "string" ? await databaseForSlug(db, target) : target;
  if (!key) return;
  const t = databaseTarget(key);
  await db.query(`UPDATE ${t.table} SET db_read_only = $${t.next}, updated_at = now() WHERE ${t.where}`, [...t.params, readOnly]);
}

/** What the migrator records when it brought the database to a release. */
export async function setSchemaVersion(db: Db, key: DatabaseKey, version: string): Promise<void> {
  const t = databaseTarget(key);
  await db.query(`UPDATE ${t.table} SET schema_version = $${t.next}, updated_at = now() WHERE ${t.where}`, [...t.params, version]);
}

/**
 * Test and seeding shortcut for a legacy instance: every container recreated on `version`, the
 * checkout and the schema moved with it, without any of the deployment's rules. The
 * deployment's own way is the fake gcloud's `git checkout` + `docker compose up -d`.
 */
export async function deployVersion(db: Db, slug: string, version: string): Promise<void> {
  await db.query(
    `UPDATE ${LEGACY_TABLE} SET version = $2, compose_version = $2, schema_version = $2, containers = $3::jsonb, pending_restart = false, updated_at = now() WHERE slug = $1`,
    [slug, version, JSON.stringify(freshContainers())],
  );
}

/** `docker restart`: the containers run again from now; restarting the frontend applies pending config. */
export async function restartContainers(db: Db, target: string | DeploymentRef, names: string[]): Promise<void> {
  const ref = await refOf(db, target);
  if (!ref) return;
  const t = vmTarget(ref);
  const now = new Date().toISOString();
  const patch = Object.fromEntries(names.map((n) => [n, { state: "running", startedAt: now }]));
  // Health is stored as the container reports it while running (a stopped one keeps it).
  await db.query(
    `UPDATE ${t.table} SET
       containers = (SELECT jsonb_object_agg(key, CASE WHEN $${t.next}::jsonb ? key THEN (value - 'exitCode') || ($${t.next}::jsonb -> key) ||
                       jsonb_build_object('health', CASE WHEN value->>'health' = 'none' THEN 'none' ELSE 'healthy' END)
                     ELSE value END) FROM jsonb_each(containers)),
       pending_restart = pending_restart AND NOT ($${t.next}::jsonb ? 'sourcegraph-frontend-0'),
       updated_at = now()
     WHERE ${t.where}`,
    [...t.params, JSON.stringify(patch)],
  );
}

/** Removes a legacy instance (its tokens go with it). */
export async function deleteInstance(db: Db, slug: string): Promise<void> {
  await db.query(`DELETE FROM ${LEGACY_TABLE} WHERE slug = $1`, [slug]);
}

/**
 * Runs `fn` in a transaction holding the deployment's row locks (its VM row, then its
 * database row), so read-check-write sequences (lastID checks, site-init, compose up) are
 * atomic across emulator processes. Resolves to null when there is no such deployment.
 */
export async function withDeploymentLock<T>(
  db: Db,
  target: string | DeploymentRef,
  fn: (client: Db, instance: EmulatedInstance) => Promise<T>,
): Promise<T | null> {
  const client = db instanceof pg.Pool ? await db.connect() : db;
  try {
    const ref = await refOf(client, target);
    if (!ref) return null;
    await client.query("BEGIN");
    const instance = await loadDeployment(client, ref, true);
    if (!instance) {
      await client.query("ROLLBACK");
      return null;
    }
    const result = await fn(client, instance);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    if (db instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}

/** The slug-addressed form kept for existing callers. */
export const withInstanceLock = withDeploymentLock;
