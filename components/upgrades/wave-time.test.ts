import { describe, expect, it } from "vitest";
import { minuteUtc, roughDuration } from "./wave-time";

describe("wave times", () => {
  it("shows a time to the minute in UTC, or a dash", () => {
    expect(minuteUtc("2026-11-25T14:03:59.999Z")).toBe("2026-11-25 14:03 UTC");
    expect(minuteUtc(null)).toBe("—");
  });

  it("rounds an average upgrade to seconds, minutes or hours", () => {
    expect(roughDuration(null)).toBe("—");
    expect(roughDuration(4_200)).toBe("4 s");
    expect(roughDuration(300)).toBe("1 s");
    expect(roughDuration(12 * 60_000 + 20_000)).toBe("about 12 min");
    expect(roughDuration(150 * 60_000)).toBe("about 2.5 h");
  });
});
