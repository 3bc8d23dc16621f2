import { db } from "../db/client";
import type { HealthState } from "../generated/prisma/client";
import { trackHealthNotice } from "../notify/track-health-notice";
import { failingChecks, overallState } from "./overall-state";
import type { CheckResult } from "./types";

export interface RecordedHealth {
  state: HealthState;
  previous: HealthState;
  changed: boolean;
}

/**
 * Stores one round of checks on the instance and, when the overall state changed (or the
 * instance has no history yet), appends a health_event. The row lock orders concurrent
 * rounds (loop and "Check now") so each change is recorded once.
 */
export async function recordHealth(instanceId: string, results: CheckResult[], at = new Date()): Promise<RecordedHealth> {
  const state = overallState(results);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ health: HealthState; health_since: Date | null; has_events: boolean }[]>`
      SELECT health, health_since, EXISTS (SELECT 1 FROM health_event e WHERE e.instance_id = i.id) AS has_events
      FROM instance i WHERE id = ${instanceId}::uuid FOR UPDATE`;
    if (!row) return { state, previous: "unknown" as HealthState, changed: false };
    const changed = row.health !== state;
    await tx.instance.update({
      where: { id: instanceId },
      data: {
        health: state,
        healthCheckedAt: at,
        healthChecks: results as unknown as object[],
        ...(changed || !row.health_since ? { healthSince: at } : {}),
      },
    });
    if (changed || !row.has_events) {
      // The first event of an unchanged state starts when that state did, so "since" and the timeline agree.
      const since = changed ? at : (row.health_since ?? at);
      await tx.healthEvent.create({ data: { instanceId, at: since, state, previous: row.has_events ? row.health : null, failing: failingChecks(results) } });
    }
    // Notifications (lib/notify): flap damping and, once a state held, the channels' event.
    await trackHealthNotice(tx, instanceId, state, failingChecks(results), at);
    return { state, previous: row.health, changed };
  });
}
