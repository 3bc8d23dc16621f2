import type pg from "pg";
import { crc32cBase64, md5Base64 } from "./crc32c";
import { conditionSql, mustNotExist, requiresExisting, type Conditions } from "./gcs-conditions";
import { noSuchBucket, noSuchObject, preconditionFailed } from "./gcs-errors";

/** One live object, as stored (int64 columns come back from pg as decimal strings). */
export interface ObjectRow {
  bucket: string;
  name: string;
  generation: string;
  metageneration: string;
  size: string;
  md5_hash: string;
  crc32c: string;
  content_type: string;
  metadata: Record<string, string>;
  time_created: Date;
  updated: Date;
  bytes?: Buffer;
}

export interface NewObject {
  bucket: string;
  name: string;
  bytes: Buffer;
  contentType: string;
  metadata: Record<string, string>;
}

const TABLE = "gcp_emulator.storage_object";
const COLUMNS = "bucket, name, generation, metageneration, size, md5_hash, crc32c, content_type, metadata, time_created, updated";
// Every write takes the next generation from the one-row clock: a microsecond timestamp, or
// one more than the last generation handed out if the clock has not moved (or went back).
const NEXT_GENERATION = `WITH gen AS (
  UPDATE gcp_emulator.storage_generation
  SET last = GREATEST(last + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint) RETURNING last)`;

/**
 * Creates or replaces an object in ONE statement, with the preconditions inside it, so two
 * racing writers cannot both pass: `ifGenerationMatch=0` is an INSERT that does nothing on
 * conflict, a generation/metageneration match is an UPDATE of exactly that row, and anything
 * else is an upsert whose update only happens when the NotMatch conditions hold.
 */
export async function writeObject(pool: pg.Pool, obj: NewObject, c: Conditions): Promise<ObjectRow> {
  const { bytes } = obj;
  const params: unknown[] = [obj.bucket, obj.name, bytes, bytes.length, md5Base64(bytes), crc32cBase64(bytes), obj.contentType, JSON.stringify(obj.metadata)];
  const values = "SELECT $1, $2, gen.last, 1, $3::bytea, $4::bigint, $5, $6, $7, $8::jsonb, now(), now() FROM gen";
  const insert = `${NEXT_GENERATION} INSERT INTO ${TABLE} AS o (bucket, name, generation, metageneration, bytes, size,
    md5_hash, crc32c, content_type, metadata, time_created, updated) ${values}`;
  const set = `generation = excluded.generation, metageneration = 1, bytes = excluded.bytes, size = excluded.size,
    md5_hash = excluded.md5_hash, crc32c = excluded.crc32c, content_type = excluded.content_type,
    metadata = excluded.metadata, time_created = excluded.time_created, updated = excluded.updated`;
  let sql: string;
  if (mustNotExist(c)) {
    // No live object means no metageneration to match.
    if (c.ifMetagenerationMatch !== undefined) throw preconditionFailed();
    sql = `${insert} ON CONFLICT (bucket, name) DO NOTHING RETURNING ${COLUMNS}`;
  } else if (requiresExisting(c)) {
    sql = `${NEXT_GENERATION} UPDATE ${TABLE} AS o SET generation = gen.last, metageneration = 1, bytes = $3, size = $4,
      md5_hash = $5, crc32c = $6, content_type = $7, metadata = $8::jsonb, time_created = now(), updated = now()
      FROM gen WHERE o.bucket = $1 AND o.name = $2 AND ${conditionSql(c, "o", params)} RETURNING ${prefixed("o")}`;
  } else {
    sql = `${insert} ON CONFLICT (bucket, name) DO UPDATE SET ${set} WHERE ${conditionSql(c, "o", params)} RETURNING ${COLUMNS}`;
  }
  try {
    const { rows } = await pool.query<ObjectRow>(sql, params);
    if (!rows[0]) throw preconditionFailed();
    return rows[0];
  } catch (err) {
    // The bucket's foreign key: it does not exist, or was deleted while this upload ran.
    if ((err as { code?: string }).code === "23503") throw noSuchBucket();
    throw err;
  }
}

export async function readObject(pool: pg.Pool, bucket: string, name: string, withBytes: boolean): Promise<ObjectRow | undefined> {
  const { rows } = await pool.query<ObjectRow>(
    `SELECT ${COLUMNS}${withBytes ? ", bytes" : ""} FROM ${TABLE} WHERE bucket = $1 AND name = $2`,
    [bucket, name],
  );
  return rows[0];
}

/** Deletes the live object if the conditions (and `generation`, when given) hold: 404 when missing, 412 otherwise. */
export async function deleteObject(pool: pg.Pool, bucket: string, name: string, c: Conditions, generation?: string): Promise<void> {
  const params: unknown[] = [bucket, name];
  const where = [conditionSql(c, "o", params)];
  if (generation !== undefined) where.push(`o.generation = $${params.push(generation)}::bigint`);
  const { rowCount } = await pool.query(`DELETE FROM ${TABLE} o WHERE o.bucket = $1 AND o.name = $2 AND ${where.join(" AND ")}`, params);
  if (rowCount === 1) return;
  const live = await readObject(pool, bucket, name, false);
  if (!live || (generation !== undefined && live.generation !== generation)) throw noSuchObject(bucket, name);
  throw preconditionFailed();
}

/** Every object whose name starts with `prefix`, in GCS's order (bytewise, i.e. collation "C"), without bytes. */
export async function listObjectRows(pool: pg.Pool, bucket: string, prefix: string): Promise<ObjectRow[]> {
  const { rows } = await pool.query<ObjectRow>(
    `SELECT ${COLUMNS} FROM ${TABLE} WHERE bucket = $1 AND starts_with(name, $2) ORDER BY name COLLATE "C"`,
    [bucket, prefix],
  );
  return rows;
}

const prefixed = (alias: string) =>
  COLUMNS.split(", ")
    .map((c) => `${alias}.${c}`)
    .join(", ");
