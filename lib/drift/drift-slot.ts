import { createHash } from "node:crypto";

/**
 * Staggering: each instance has its own offset into the interval, from a hash of its id, so a
 * fleet's checks spread evenly across the day instead of all running at midnight (or at the
 * first start). An instance is due once its most recent slot has passed since its last check.
 */
export function driftOffsetMs(instanceId: string, intervalMs: number): number {
  const n = parseInt(createHash("sha256").update(instanceId).digest("hex").slice(0, 12), 16);
  return n % intervalMs;
}

/** The start of the instance's most recent slot at or before `now`. */
export function lastDriftSlot(instanceId: string, intervalMs: number, now: Date): Date {
  const offset = driftOffsetMs(instanceId, intervalMs);
  const slots = Math.floor((now.getTime() - offset) / intervalMs);
  return new Date(slots * intervalMs + offset);
}

/** When the instance is next due after `now`. */
export function nextDriftSlot(instanceId: string, intervalMs: number, now: Date): Date {
  return new Date(lastDriftSlot(instanceId, intervalMs, now).getTime() + intervalMs);
}

/**
 * Due: never checked (or checked before the last slot), and created before that slot, so a
 * newly built instance waits for its own slot rather than joining a burst.
 */
export function isDriftDue(i: { id: string; createdAt: Date; driftCheckedAt: Date | null }, intervalMs: number, now: Date): boolean {
  const slot = lastDriftSlot(i.id, intervalMs, now);
  return (i.driftCheckedAt ?? i.createdAt) < slot;
}
