import pg from "pg";

/**
 * The Sourcegraph emulator's state, in a schema of its own in the app's database so that the
 * emulator's HTTP server, the fake `gcloud` (a new process per call) and seeders in other
 * processes all see the same instances. Never touched by the app's migrations.
 */
export const SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS sourcegraph_emulator;
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.instance (
  slug            text PRIMARY KEY,
  version         text NOT NULL,
  needs_site_init boolean NOT NULL,
  admin           jsonb,
  site_config     text NOT NULL,
  site_config_id  integer NOT NULL,
  settings        text,
  settings_id     integer,
  containers      jsonb NOT NULL,
  db_read_only    boolean NOT NULL DEFAULT false,
  pending_restart boolean NOT NULL DEFAULT false,
  faults          jsonb NOT NULL DEFAULT '{}',
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- GCP project → slug: long slugs get hashed project IDs (sourcegraph-managed-glo-4f1c2a).
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.project (
  project text PRIMARY KEY,
  slug    text NOT NULL REFERENCES sourcegraph_emulator.instance (slug) ON DELETE CASCADE
);
-- Access tokens and sessions, stored as SHA-256 like Sourcegraph does.
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.credential (
  secret_sha256 text PRIMARY KEY,
  slug          text NOT NULL REFERENCES sourcegraph_emulator.instance (slug) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('token', 'session')),
  note          text,
  scopes        text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS credential_slug ON sourcegraph_emulator.credential (slug);
`;

// CREATE … IF NOT EXISTS is not safe against itself running concurrently (two processes
// starting at once); the advisory lock serialises them.
const LOCK_KEY = 4020_2026;

export async function ensureSchema(db: pg.Pool | pg.Client): Promise<void> {
  // The lock must be taken and released on one connection.
  const client = db instanceof pg.Pool ? await db.connect() : db;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(SCHEMA_SQL);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    if (db instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}
