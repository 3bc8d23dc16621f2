import { db } from "../db/client";
import { findInstanceRow } from "../instances/get-instance";
import { timelineSegments, type TimelineSegment } from "./timeline";
import type { CheckResult, HealthState } from "./types";

export const HISTORY_DAYS = 7;

export interface HealthHistory {
  health: HealthState;
  since: string | null;
  checkedAt: string | null;
  checks: CheckResult[];
  timeline: TimelineSegment[];
  events: { at: string; state: HealthState; previous: HealthState | null; failing: string[] }[];
}

/** The instance page's health panel: current checks, the last 7 days as segments, and the changes. */
export async function getHealthHistory(slug: string, now = new Date()): Promise<HealthHistory> {
  const row = await findInstanceRow(slug);
  const from = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const [before, events] = await Promise.all([
    db.healthEvent.findFirst({ where: { instanceId: row.id, at: { lte: from } }, orderBy: { at: "desc" }, select: { state: true } }),
    db.healthEvent.findMany({ where: { instanceId: row.id, at: { gt: from } }, orderBy: { at: "asc" }, take: 5_000 }),
  ]);
  return {
    health: row.health,
    since: row.healthSince?.toISOString() ?? null,
    checkedAt: row.healthCheckedAt?.toISOString() ?? null,
    checks: Array.isArray(row.healthChecks) ? (row.healthChecks as unknown as CheckResult[]) : [],
    timeline: timelineSegments(events, before?.state ?? null, from, now),
    events: events
      .slice(-50)
      .reverse()
      .map((e) => ({ at: e.at.toISOString(), state: e.state, previous: e.previous, failing: e.failing })),
  };
}
