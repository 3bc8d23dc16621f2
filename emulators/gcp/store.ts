import type pg from "pg";
import type { Location, ResourceKind } from "./resources";

/** The primary key of one stored resource. */
export interface ResourceKey {
  project: string;
  kind: ResourceKind;
  location: Location;
  name: string;
}

export interface ResourceRow extends ResourceKey {
  data: Record<string, unknown>;
}

type Doc = Record<string, unknown>;

const TABLE = "gcp_emulator.resource";
const KEY_WHERE = "project = $1 AND kind = $2 AND location = $3 AND name = $4";
const keyParams = (k: ResourceKey) => [k.project, k.kind, k.location, k.name];

export async function getResource(pool: pg.Pool, key: ResourceKey): Promise<Doc | undefined> {
  const { rows } = await pool.query<{ data: Doc }>(`SELECT data FROM ${TABLE} WHERE ${KEY_WHERE}`, keyParams(key));
  return rows[0]?.data;
}

/** Sorted by name, so page tokens (offsets into this list) stay stable between pages. */
export async function listResources(pool: pg.Pool, where: Omit<ResourceKey, "name">): Promise<Doc[]> {
  const { rows } = await pool.query<{ data: Doc }>(
    `SELECT data FROM ${TABLE} WHERE project = $1 AND kind = $2 AND location = $3 ORDER BY name`,
    [where.project, where.kind, where.location],
  );
  return rows.map((r) => r.data);
}

/** Returns false when the name is taken, which GCP reports as 409 alreadyExists. */
export async function insertResource(pool: pg.Pool, row: ResourceRow): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO ${TABLE} (project, kind, location, name, data) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [...keyParams(row), JSON.stringify(row.data)],
  );
  return rowCount === 1;
}

/** Shallow-merges `patch` into the document in one statement, so concurrent patches don't lose writes. */
export async function patchResource(pool: pg.Pool, key: ResourceKey, patch: Doc): Promise<Doc | undefined> {
  const { rows } = await pool.query<{ data: Doc }>(
    `UPDATE ${TABLE} SET data = data || $5::jsonb WHERE ${KEY_WHERE} RETURNING data`,
    [...keyParams(key), JSON.stringify(patch)],
  );
  return rows[0]?.data;
}

export async function deleteResource(pool: pg.Pool, key: ResourceKey): Promise<boolean> {
  const { rowCount } = await pool.query(`DELETE FROM ${TABLE} WHERE ${KEY_WHERE}`, keyParams(key));
  return rowCount === 1;
}

/**
 * Inserts or replaces many rows with one statement per chunk: demo and benchmark seeding
 * write tens of thousands of rows, and a round trip per row would dominate start-up.
 */
export async function upsertMany(pool: pg.Pool, input: ResourceRow[], chunkSize = 10_000): Promise<void> {
  // One statement may not touch a row twice (ON CONFLICT would fail), so the last write wins here.
  const rows = [...new Map(input.map((r) => [JSON.stringify(keyParams(r)), r])).values()];
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    await pool.query(
      `INSERT INTO ${TABLE} (project, kind, location, name, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
       ON CONFLICT (project, kind, location, name) DO UPDATE SET data = excluded.data`,
      [
        chunk.map((r) => r.project),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.location),
        chunk.map((r) => r.name),
        chunk.map((r) => JSON.stringify(r.data)),
      ],
    );
  }
}

/** Replaces the document only if its `fingerprint` is still `expected`; false when it changed meanwhile. */
export async function replaceResourceIf(pool: pg.Pool, key: ResourceKey, expected: string, data: Doc): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE ${TABLE} SET data = $5::jsonb WHERE ${KEY_WHERE} AND data->>'fingerprint' = $6`,
    [...keyParams(key), JSON.stringify(data), expected],
  );
  return rowCount === 1;
}
