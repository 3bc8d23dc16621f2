import { describe, expect, it } from "vitest";
import { timelineSegments } from "./timeline";

const t = (h: number) => new Date(Date.UTC(2026, 0, 1, h));

describe("timelineSegments", () => {
  it("is one unknown segment without any record", () => {
    expect(timelineSegments([], null, t(0), t(10))).toEqual([{ state: "unknown", from: t(0).toISOString(), to: t(10).toISOString() }]);
  });

  it("splits the window at each change, starting from the state in force", () => {
    const segs = timelineSegments(
      [
        { at: t(2), state: "down" },
        { at: t(5), state: "healthy" },
        { at: t(6), state: "healthy" },
      ],
      "healthy",
      t(0),
      t(10),
    );
    expect(segs.map((s) => [s.state, new Date(s.from).getUTCHours(), new Date(s.to).getUTCHours()])).toEqual([
      ["healthy", 0, 2],
      ["down", 2, 5],
      ["healthy", 5, 10],
    ]);
  });

  it("ignores events outside the window except to set the starting state", () => {
    const segs = timelineSegments([{ at: t(0), state: "degraded" }, { at: t(12), state: "down" }], null, t(0), t(10));
    expect(segs).toEqual([{ state: "degraded", from: t(0).toISOString(), to: t(10).toISOString() }]);
  });
});
