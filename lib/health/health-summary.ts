import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { MONITORED_STATUSES } from "./claim-due-instances";
import type { CheckResult, HealthState } from "./types";

const STATES: HealthState[] = ["healthy", "degraded", "down", "unknown"];
const UNHEALTHY_LIMIT = 100;

export interface HealthSummary {
  counts: Record<HealthState, number>;
  /** Down first, then degraded, then unknown; longest first within each. */
  unhealthy: { slug: string; displayName: string; status: string; health: HealthState; since: string | null; checkedAt: string | null; failing: string[] }[];
  unhealthyTotal: number;
}

/**
 * `GET /api/health/summary`: counts by state over every instance (what the table's health
 * filter shows), and the instances that need attention. Unknown instances are listed only
 * while they are monitored: one still provisioning is unknown by design.
 */
export async function getHealthSummary(): Promise<HealthSummary> {
  const needsAttention: Prisma.InstanceWhereInput = {
    OR: [{ health: { in: ["down", "degraded"] } }, { health: "unknown", status: { in: [...MONITORED_STATUSES] } }],
  };
  const [groups, rows, unhealthyTotal] = await Promise.all([
    db.instance.groupBy({ by: ["health"], _count: { _all: true } }),
    db.$queryRaw<{ slug: string; display_name: string; status: string; health: HealthState; health_since: Date | null; health_checked_at: Date | null; health_checks: unknown }[]>`
      SELECT slug, display_name, status::text AS status, health, health_since, health_checked_at, health_checks FROM instance
      WHERE health IN ('down', 'degraded') OR (health = 'unknown' AND status::text = ANY(${[...MONITORED_STATUSES]}::text[]))
      ORDER BY CASE health WHEN 'down' THEN 0 WHEN 'degraded' THEN 1 ELSE 2 END, health_since ASC NULLS LAST, slug
      LIMIT ${UNHEALTHY_LIMIT}`,
    db.instance.count({ where: needsAttention }),
  ]);
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<HealthState, number>;
  for (const g of groups) counts[g.health] = g._count._all;
  return {
    counts,
    unhealthyTotal,
    unhealthy: rows.map((r) => ({
      slug: r.slug,
      displayName: r.display_name,
      status: r.status,
      health: r.health,
      since: r.health_since?.toISOString() ?? null,
      checkedAt: r.health_checked_at?.toISOString() ?? null,
      failing: (Array.isArray(r.health_checks) ? (r.health_checks as CheckResult[]) : []).filter((c) => !c.ok).map((c) => c.name),
    })),
  };
}
