import type { HealthState, Prisma } from "../generated/prisma/client";
import { applyHealthCheck, NO_NOTICE, sameNotice, type HealthNoticeState } from "./health-notice";
import { notifyConfig } from "./notify-config";
import { recordNotificationEvent } from "./record-notification-event";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

let threshold: number | undefined;

/**
 * Called once per recorded health check, inside its transaction (lib/health/record-health.ts):
 * advances the instance's flap damping and, when a state has held long enough, records the
 * health event for the channels. Writes only when the damping state changes.
 */
export async function trackHealthNotice(
  tx: Tx,
  instanceId: string,
  state: HealthState,
  failing: string[],
  at: Date,
  consecutiveChecks = (threshold ??= notifyConfig().healthConsecutiveChecks),
): Promise<void> {
  const [row] = await tx.$queryRaw<{ notified_state: HealthState | null; candidate_state: HealthState | null; streak: number }[]>`
    SELECT notified_state, candidate_state, streak FROM health_notice WHERE instance_id = ${instanceId}::uuid FOR UPDATE`;
  const prev: HealthNoticeState = row ? { notifiedState: row.notified_state, candidateState: row.candidate_state, streak: row.streak } : NO_NOTICE;
  const { next, tell } = applyHealthCheck(prev, state, consecutiveChecks);
  if (row && sameNotice(prev, next)) return;
  await tx.$executeRaw`
    INSERT INTO health_notice (instance_id, notified_state, candidate_state, streak, updated_at)
    VALUES (${instanceId}::uuid, ${next.notifiedState}::"HealthState", ${next.candidateState}::"HealthState", ${next.streak}, ${at})
    ON CONFLICT (instance_id) DO UPDATE SET notified_state = EXCLUDED.notified_state, candidate_state = EXCLUDED.candidate_state,
      streak = EXCLUDED.streak, updated_at = EXCLUDED.updated_at`;
  if (!tell) return;
  const [inst] = await tx.$queryRaw<{ slug: string; display_name: string }[]>`SELECT slug, display_name FROM instance WHERE id = ${instanceId}::uuid`;
  await recordNotificationEvent(tx, tell, [instanceId], {
    instanceSlug: inst?.slug ?? null,
    instanceName: inst?.display_name ?? null,
    state,
    previous: prev.notifiedState,
    failing,
    checksInARow: consecutiveChecks,
    confirmedAt: at.toISOString(),
  });
}
