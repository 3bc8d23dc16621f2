import type { HealthState } from "./types";

export interface TimelineSegment {
  state: HealthState;
  from: string;
  to: string;
}

/**
 * The states over [from, to] from the state changes in that window (oldest first) and the
 * state in force when it began (null: no record yet, shown as unknown).
 */
export function timelineSegments(
  events: readonly { at: Date; state: HealthState }[],
  stateAtStart: HealthState | null,
  from: Date,
  to: Date,
): TimelineSegment[] {
  const segments: TimelineSegment[] = [];
  let state: HealthState = stateAtStart ?? "unknown";
  let start = from;
  for (const e of events) {
    if (e.at <= from) {
      state = e.state;
      continue;
    }
    if (e.at >= to) break;
    if (e.state === state) continue;
    if (e.at > start) segments.push({ state, from: start.toISOString(), to: e.at.toISOString() });
    state = e.state;
    start = e.at;
  }
  segments.push({ state, from: start.toISOString(), to: to.toISOString() });
  return segments;
}
