import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded-postgres";
import { migrateDatabase } from "../db/migrate";
import { installQueueSchema } from "../jobs/queue";

export const TEMPLATE_DB = "mi_test_template";

/**
 * Integration tests run against a real Postgres: TEST_DATABASE_URL's server when set (the
 * database in it is only used to connect; tests create their own), otherwise an embedded
 * Postgres under .data/test-pg. A migrated template database is created once; every test
 * file then gets its own copy (see per-file-database.ts).
 */
let embedded: EmbeddedDatabase | undefined;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const port = Number(process.env.TEST_PG_PORT ?? 5499);
    embedded = await startEmbeddedPostgres({
      dir: `.data/test-pg-${port}`,
      port,
      database: "postgres",
    });
    serverUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DB));
  await installQueueSchema(withDatabase(serverUrl, TEMPLATE_DB));
  project.provide("pgServerUrl", serverUrl);
  return async () => {
    await embedded?.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
