import { describe, expect, it } from "vitest";
import type { HealthState } from "../generated/prisma/client";
import { applyHealthCheck, NO_NOTICE, type HealthEventKind, type HealthNoticeState } from "./health-notice";

/** Runs a sequence of check states through the damping and returns what was told. */
function run(states: HealthState[], threshold: number, start: HealthNoticeState = NO_NOTICE): (HealthEventKind | null)[] {
  let s = start;
  return states.map((state) => {
    const r = applyHealthCheck(s, state, threshold);
    s = r.next;
    return r.tell;
  });
}

describe("health flap damping", () => {
  it("tells a new state only once it held for N consecutive checks", () => {
    expect(run(["healthy", "healthy", "down", "down", "down"], 3)).toEqual([null, null, null, null, "health.down"]);
  });
  it("a state that flaps back before N checks is never told", () => {
    expect(run(["healthy", "healthy", "down", "healthy", "down", "down", "healthy"], 3)).toEqual([null, null, null, null, null, null, null]);
  });
  it("tells recovery after a told problem, and not the first healthy state", () => {
    expect(run(["healthy", "healthy", "down", "down", "healthy", "healthy"], 2)).toEqual([null, null, null, "health.down", null, "health.recovered"]);
  });
  it("an instance first seen down or degraded is news", () => {
    expect(run(["degraded", "degraded"], 2)).toEqual([null, "health.degraded"]);
    expect(run(["down"], 1)).toEqual(["health.down"]);
  });
  it("unknown (a check could not run) neither counts nor breaks a streak", () => {
    expect(run(["healthy", "healthy", "down", "unknown", "down"], 2)).toEqual([null, null, null, null, "health.down"]);
    expect(run(["unknown", "unknown", "unknown"], 1)).toEqual([null, null, null]);
  });
  it("down to degraded and back are each told once they hold", () => {
    const told = { notifiedState: "down" as const, candidateState: null, streak: 0 };
    expect(run(["degraded", "degraded", "down", "down"], 2, told)).toEqual([null, "health.degraded", null, "health.down"]);
  });
  it("a streak of another state restarts when the state changes", () => {
    expect(run(["healthy", "down", "degraded", "down", "down"], 2)).toEqual([null, null, null, null, "health.down"]);
  });
});
