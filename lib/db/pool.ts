import pg from "pg";
import { config } from "../config/load-config";

const g = globalThis as unknown as { __pgPool?: pg.Pool };

/**
 * A plain `pg` pool beside the Prisma client, for what Prisma cannot do well: LISTEN /
 * NOTIFY, the queue's SQL functions and batched log inserts.
 */
export function pool(): pg.Pool {
  if (!g.__pgPool) {
    g.__pgPool = new pg.Pool({ connectionString: config().DATABASE_URL, max: config().PG_POOL_SIZE });
    // An idle connection dropped by the server (restart, failover) must not crash the
    // process; the pool replaces it on the next query.
    g.__pgPool.on("error", (e) => console.error(`[db] idle connection lost: ${e.message}`));
  }
  return g.__pgPool;
}

export async function closePool(): Promise<void> {
  const p = g.__pgPool;
  g.__pgPool = undefined;
  await p?.end();
}
