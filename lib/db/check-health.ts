import { db } from "./client";

export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  migrations?: number;
  error?: string;
}

/** A round trip to the database and the count of applied migrations. */
export async function checkDatabaseHealth(): Promise<DatabaseHealth> {
  const start = performance.now();
  try {
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    return { ok: true, latencyMs: Math.round(performance.now() - start), migrations: Number(rows[0].n) };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: e instanceof Error ? e.message.split("\n")[0] : "unknown" };
  }
}
