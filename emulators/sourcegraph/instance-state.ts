import pg from "pg";
import { freshContainers, type ContainerRecord } from "./containers";
import { INSTANCE_COLUMNS, rowToInstance, type Db, type EmulatedInstance, type Faults } from "./instance-record";

const TABLE = "sourcegraph_emulator.instance";

export async function getInstance(db: Db, slug: string): Promise<EmulatedInstance | null> {
  const { rows } = await db.query(`SELECT ${INSTANCE_COLUMNS} FROM ${TABLE} WHERE slug = $1`, [slug]);
  return rows[0] ? rowToInstance(rows[0]) : null;
}

/**
 * The instance behind a GCP project: the mapping row written at seeding (needed for long
 * slugs, whose project IDs are hashed), else `sourcegraph-managed-<slug>` read literally.
 */
export async function slugForProject(db: Db, project: string): Promise<string | null> {
  const { rows } = await db.query<{ slug: string }>(
    `SELECT slug FROM sourcegraph_emulator.project WHERE project = $1
     UNION ALL SELECT slug FROM ${TABLE} WHERE 'sourcegraph-managed-' || slug = $1
     LIMIT 1`,
    [project],
  );
  return rows[0]?.slug ?? null;
}

/** Merges fault flags (a key set to null/false turns that fault off). Returns false for an unknown slug. */
export async function setFaults(db: Db, slug: string, faults: Faults): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE ${TABLE} SET faults = faults || $2::jsonb, updated_at = now() WHERE slug = $1`, [
    slug,
    JSON.stringify(faults),
  ]);
  return rowCount === 1;
}

export async function clearFaults(db: Db, slug: string): Promise<void> {
  await db.query(`UPDATE ${TABLE} SET faults = '{}', updated_at = now() WHERE slug = $1`, [slug]);
}

export async function setContainer(db: Db, slug: string, name: string, patch: Partial<ContainerRecord>): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ${TABLE} SET containers = jsonb_set(containers, ARRAY[$2::text], containers->$2 || $3::jsonb), updated_at = now()
     WHERE slug = $1 AND containers ? $2`,
    [slug, name, JSON.stringify(patch)],
  );
  return rowCount === 1;
}

export async function setDatabaseReadOnly(db: Db, slug: string, readOnly: boolean): Promise<void> {
  await db.query(`UPDATE ${TABLE} SET db_read_only = $2, updated_at = now() WHERE slug = $1`, [slug, readOnly]);
}

/** What `docker compose up -d` with a new version does: every container recreated on the new images. */
export async function deployVersion(db: Db, slug: string, version: string): Promise<void> {
  await db.query(`UPDATE ${TABLE} SET version = $2, containers = $3::jsonb, pending_restart = false, updated_at = now() WHERE slug = $1`, [
    slug,
    version,
    JSON.stringify(freshContainers()),
  ]);
}

/** `docker restart`: the containers run again from now; restarting the frontend applies pending config. */
export async function restartContainers(db: Db, slug: string, names: string[]): Promise<void> {
  const now = new Date().toISOString();
  const patch = Object.fromEntries(names.map((n) => [n, { state: "running", startedAt: now }]));
  await db.query(
    `UPDATE ${TABLE} SET
       containers = (SELECT jsonb_object_agg(key, CASE WHEN $2::jsonb ? key THEN value || ($2::jsonb -> key) ||
                       jsonb_build_object('health', CASE WHEN value->>'health' = 'none' THEN 'none' ELSE 'healthy' END)
                     ELSE value END) FROM jsonb_each(containers)),
       pending_restart = pending_restart AND NOT ($2::jsonb ? 'sourcegraph-frontend-0'),
       updated_at = now()
     WHERE slug = $1`,
    [slug, JSON.stringify(patch)],
  );
}

export async function deleteInstance(db: Db, slug: string): Promise<void> {
  await db.query(`DELETE FROM ${TABLE} WHERE slug = $1`, [slug]);
}

/**
 * Runs `fn` in a transaction holding the instance's row lock, so read-check-write sequences
 * (lastID checks, site-init) are atomic across emulator processes. Resolves to null for an
 * unknown slug.
 */
export async function withInstanceLock<T>(
  db: pg.Pool | pg.Client,
  slug: string,
  fn: (client: Db, instance: EmulatedInstance) => Promise<T>,
): Promise<T | null> {
  const client = db instanceof pg.Pool ? await db.connect() : db;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(`SELECT ${INSTANCE_COLUMNS} FROM ${TABLE} WHERE slug = $1 FOR UPDATE`, [slug]);
    if (!rows[0]) {
      await client.query("ROLLBACK");
      return null;
    }
    const result = await fn(client, rowToInstance(rows[0]));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    if (db instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}
