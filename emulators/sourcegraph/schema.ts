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
-- Releases (compose-file.ts): the tag the deployment's checkout is at (null: \`version\`), and
-- the release the migrator last brought the database to (null: \`version\`). Added without
-- ALTER TABLE's exclusive lock when they exist (every fake gcloud call runs this).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = 'sourcegraph_emulator' AND table_name = 'instance' AND column_name = 'compose_version') THEN
    ALTER TABLE sourcegraph_emulator.instance ADD COLUMN compose_version text, ADD COLUMN schema_version text;
  END IF;
END $$;

-- Per VM and per data disk (deployment-ref.ts): what runs on a VM…
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.vm (
  project         text NOT NULL,
  zone            text NOT NULL,
  name            text NOT NULL,
  -- The customer the VM serves (its \`deployment\` label): how the public URL finds it.
  slug            text NOT NULL,
  -- The release tag /deployment is checked out at (docker-compose.yaml pins its images).
  compose_version text NOT NULL,
  -- Per container: state, health, exit code and the release of its image.
  containers      jsonb NOT NULL,
  pending_restart boolean NOT NULL DEFAULT false,
  faults          jsonb NOT NULL DEFAULT '{}',
  booted_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project, zone, name)
);
CREATE INDEX IF NOT EXISTS vm_slug ON sourcegraph_emulator.vm (slug);
-- …and what lives on a data disk, or was captured in a snapshot of one: the database.
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.database_state (
  project         text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('disk', 'snapshot')),
  -- As in gcp_emulator.resource: zones/<zone> for a disk, global for a snapshot.
  location        text NOT NULL,
  name            text NOT NULL,
  needs_site_init boolean NOT NULL,
  admin           jsonb,
  site_config     text NOT NULL,
  site_config_id  integer NOT NULL,
  settings        text,
  settings_id     integer,
  -- ALTER DATABASE sg SET default_transaction_read_only: saved in the database, so on the disk.
  db_read_only    boolean NOT NULL DEFAULT false,
  schema_version  text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project, kind, location, name)
);
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.database_credential (
  project         text NOT NULL,
  kind            text NOT NULL,
  location        text NOT NULL,
  name            text NOT NULL,
  secret_sha256   text NOT NULL,
  credential_kind text NOT NULL CHECK (credential_kind IN ('token', 'session')),
  note            text,
  scopes          text[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project, kind, location, name, secret_sha256),
  FOREIGN KEY (project, kind, location, name) REFERENCES sourcegraph_emulator.database_state ON DELETE CASCADE
);
-- The customer's own users besides the site admin (User:1): [{id, username, email}], in the
-- database like the rest of its state, so snapshots and restores carry them.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = 'sourcegraph_emulator' AND table_name = 'instance' AND column_name = 'users') THEN
    ALTER TABLE sourcegraph_emulator.instance ADD COLUMN users jsonb NOT NULL DEFAULT '[]';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = 'sourcegraph_emulator' AND table_name = 'database_state' AND column_name = 'users') THEN
    ALTER TABLE sourcegraph_emulator.database_state ADD COLUMN users jsonb NOT NULL DEFAULT '[]';
  END IF;
END $$;
-- The last change of a project's backend service (for the public URL's propagation delay).
CREATE TABLE IF NOT EXISTS sourcegraph_emulator.lb_switch (
  project        text PRIMARY KEY,
  previous_group text,
  current_group  text,
  switched_at    timestamptz NOT NULL
);
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
