import { describe, expect, it } from "vitest";
import { driftOffsetMs, isDriftDue, lastDriftSlot, nextDriftSlot } from "./drift-slot";

const DAY = 86_400_000;
const now = new Date("2026-11-28T12:00:00Z");

describe("drift slots", () => {
  it("spread a fleet across the day: 1,000 instances fill every hour", () => {
    const hours = new Set(Array.from({ length: 1000 }, (_, i) => Math.floor(driftOffsetMs(`instance-${i}`, DAY) / 3_600_000)));
    expect(hours.size).toBe(24);
  });

  it("the last slot is at or before now, the next one an interval later", () => {
    const last = lastDriftSlot("a", DAY, now);
    expect(last.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - last.getTime()).toBeLessThan(DAY);
    expect(nextDriftSlot("a", DAY, now).getTime() - last.getTime()).toBe(DAY);
  });

  it("due when never checked since the last slot; a new instance waits for its own slot", () => {
    const last = lastDriftSlot("a", DAY, now);
    const before = new Date(last.getTime() - 1000);
    const after = new Date(last.getTime() + 1000);
    expect(isDriftDue({ id: "a", createdAt: before, driftCheckedAt: null }, DAY, now)).toBe(true);
    expect(isDriftDue({ id: "a", createdAt: before, driftCheckedAt: before }, DAY, now)).toBe(true);
    expect(isDriftDue({ id: "a", createdAt: before, driftCheckedAt: after }, DAY, now)).toBe(false);
    expect(isDriftDue({ id: "a", createdAt: after, driftCheckedAt: null }, DAY, now)).toBe(false);
  });
});
