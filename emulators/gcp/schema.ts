import type pg from "pg";

/**
 * The emulator keeps every GCP resource as one JSON document in a schema of its own, so it
 * never touches (or is touched by) the app's Prisma migrations. `location` is the zone,
 * the region, or "global", mirroring where the resource lives in GCP's URL space.
 */
export const SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS gcp_emulator;
CREATE TABLE IF NOT EXISTS gcp_emulator.resource (
  project  text  NOT NULL,
  kind     text  NOT NULL,
  location text  NOT NULL,
  name     text  NOT NULL,
  data     jsonb NOT NULL,
  PRIMARY KEY (project, kind, location, name)
);
-- Cloud Asset's search pages through one kind across every project, in this order.
CREATE INDEX IF NOT EXISTS resource_by_kind ON gcp_emulator.resource (kind, project, location, name);

-- Cloud Storage. Bucket names are global in GCS (not per project), hence their own table
-- keyed by name alone; the owning project is a column.
CREATE TABLE IF NOT EXISTS gcp_emulator.storage_bucket (
  name    text        PRIMARY KEY,
  project text        NOT NULL,
  data    jsonb       NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);
-- The live generation of each object. The foreign key makes "delete a bucket that still has
-- objects" fail even when an upload races the delete.
CREATE TABLE IF NOT EXISTS gcp_emulator.storage_object (
  bucket         text        NOT NULL REFERENCES gcp_emulator.storage_bucket (name),
  name           text        NOT NULL,
  generation     bigint      NOT NULL,
  metageneration bigint      NOT NULL,
  bytes          bytea       NOT NULL,
  size           bigint      NOT NULL,
  md5_hash       text        NOT NULL,
  crc32c         text        NOT NULL,
  content_type   text        NOT NULL,
  metadata       jsonb       NOT NULL DEFAULT '{}',
  time_created   timestamptz NOT NULL,
  updated        timestamptz NOT NULL,
  PRIMARY KEY (bucket, name)
);
-- Generations are microsecond timestamps that never repeat, even across delete and re-create
-- (a stale lock id must never match a newer lock): one row remembers the last one handed out.
CREATE TABLE IF NOT EXISTS gcp_emulator.storage_generation (
  id   boolean PRIMARY KEY DEFAULT true CHECK (id),
  last bigint  NOT NULL
);
INSERT INTO gcp_emulator.storage_generation (id, last) VALUES (true, 0) ON CONFLICT DO NOTHING;
-- Resumable upload sessions live in the database, so any emulator process can take the next chunk.
CREATE TABLE IF NOT EXISTS gcp_emulator.storage_upload (
  upload_id  text        PRIMARY KEY,
  bucket     text        NOT NULL REFERENCES gcp_emulator.storage_bucket (name) ON DELETE CASCADE,
  name       text        NOT NULL,
  resource   jsonb       NOT NULL,
  conditions jsonb       NOT NULL,
  bytes      bytea       NOT NULL DEFAULT '',
  created    timestamptz NOT NULL DEFAULT now()
);

-- OAuth: the PUBLIC half of every minted service-account key (the private half is handed out
-- once and never kept), and every access token the emulator issued or accepted, with its owner.
CREATE TABLE IF NOT EXISTS gcp_emulator.service_account_public_key (
  key_id     text PRIMARY KEY,
  project    text NOT NULL,
  email      text NOT NULL,
  public_key text NOT NULL
);
CREATE TABLE IF NOT EXISTS gcp_emulator.access_token (
  token      text        PRIMARY KEY,
  email      text        NOT NULL,
  key_id     text        NOT NULL,
  grant_type text        NOT NULL,
  scope      text        NOT NULL DEFAULT '',
  issued_at  timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS access_token_email ON gcp_emulator.access_token (email);
`;

// Two emulators (or a seeder and an emulator) starting at once would race on
// CREATE ... IF NOT EXISTS, which is not concurrency-safe in Postgres; the advisory lock
// serialises them.
const LOCK_KEY = 4010_2026;

export async function ensureSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(SCHEMA_SQL);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    client.release();
  }
}
