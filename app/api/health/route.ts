import { checkDatabaseHealth } from "@/lib/db/check-health";

export const dynamic = "force-dynamic";

/** Public liveness for load balancers and `npm start`: 200 when the database answers. */
export async function GET() {
  const database = await checkDatabaseHealth();
  return Response.json(
    { status: database.ok ? "ok" : "unavailable", database: { ok: database.ok, latencyMs: database.latencyMs, migrations: database.migrations } },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
