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
