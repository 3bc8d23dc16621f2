import type { HealthState } from "../generated/prisma/client";

/** An instance's flap-damping state (table health_notice). */
export interface HealthNoticeState {
  /** The state people were last told about (null: nothing yet). */
  notifiedState: HealthState | null;
  /** A state different from notifiedState, and how many checks in a row have seen it. */
  candidateState: HealthState | null;
  streak: number;
}

export type HealthEventKind = "health.down" | "health.degraded" | "health.recovered";

export const NO_NOTICE: HealthNoticeState = { notifiedState: null, candidateState: null, streak: 0 };

/**
 * One check's overall state applied to the damping state. A new state is told only once it
 * held for `threshold` consecutive checks; a check that could not run (`unknown`) says nothing
 * about the instance, so it neither counts nor breaks a streak. Going down or degraded is
 * news; healthy is news only after a told problem (recovery), not the first time it is seen.
 */
export function applyHealthCheck(prev: HealthNoticeState, state: HealthState, threshold: number): { next: HealthNoticeState; tell: HealthEventKind | null } {
  if (state === "unknown") return { next: prev, tell: null };
  if (state === prev.notifiedState) return { next: { ...prev, candidateState: null, streak: 0 }, tell: null };
  const streak = state === prev.candidateState ? prev.streak + 1 : 1;
  if (streak < threshold) return { next: { ...prev, candidateState: state, streak }, tell: null };
  const next = { notifiedState: state, candidateState: null, streak: 0 };
  if (state === "down") return { next, tell: "health.down" };
  if (state === "degraded") return { next, tell: "health.degraded" };
  return { next, tell: prev.notifiedState === "down" || prev.notifiedState === "degraded" ? "health.recovered" : null };
}

export function sameNotice(a: HealthNoticeState, b: HealthNoticeState): boolean {
  return a.notifiedState === b.notifiedState && a.candidateState === b.candidateState && a.streak === b.streak;
}
