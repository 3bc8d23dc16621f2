import { db } from "../db/client";

/**
 * Every table's row count and a hash of its rows, in every schema (ours and the queue's).
 * `last_used_at` is left out: authenticating with a token touches it by design.
 */
export async function snapshotDatabase(): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY 1, 2`;
  const snapshot: Record<string, string> = {};
  for (const t of tables) {
    const id = `"${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`;
    const [row] = await db.$queryRawUnsafe<{ n: number; h: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS h
       FROM (SELECT (to_jsonb(t) - 'last_used_at')::text AS r FROM ${id} t) s`,
    );
    snapshot[`${t.schema}.${t.name}`] = `${row.n} rows ${row.h}`;
  }
  return snapshot;
}
