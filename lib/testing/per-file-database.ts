import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { TEMPLATE_DB, withDatabase } from "./global-setup";

/**
 * Gives each integration test file a database of its own, copied from the migrated
 * template, and points DATABASE_URL at it before the file imports lib/db.
 */
const serverUrl = inject("pgServerUrl");
const name = `mi_test_${randomBytes(5).toString("hex")}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
await admin.end();
process.env.DATABASE_URL = withDatabase(serverUrl, name);

afterAll(async () => {
  const g = globalThis as unknown as { __prisma?: { $disconnect(): Promise<void> } };
  await g.__prisma?.$disconnect().catch(() => {});
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await c.end();
});

/**
 * Tests never reach real Google: a test that does not start the GCP emulator gets an
 * endpoint that refuses connections and a static token, so the client libraries neither
 * look for credentials nor probe the metadata server (whose answer depends on the network
 * the tests happen to run on). Tests that start the emulator set both themselves.
 */
process.env.GCP_API_ENDPOINT ??= "http://127.0.0.1:9";
process.env.GCP_ACCESS_TOKEN ??= "no-real-google-in-tests";
