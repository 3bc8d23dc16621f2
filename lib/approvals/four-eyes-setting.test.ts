import { describe, expect, it } from "vitest";
import { fourEyesApplies, parseFourEyes } from "./four-eyes-setting";

describe("FOUR_EYES", () => {
  it("is off unless set", () => {
    for (const raw of [undefined, "", "off"]) {
      const s = parseFourEyes(raw);
      expect(fourEyesApplies(s, "upgrade", { destructive: true })).toBe(false);
    }
  });

  it("destructive applies to destructive approval steps of every kind, and only those", () => {
    const s = parseFourEyes("destructive");
    expect(fourEyesApplies(s, "upgrade", { destructive: true })).toBe(true);
    expect(fourEyesApplies(s, "force-unlock", { destructive: true })).toBe(true);
    expect(fourEyesApplies(s, "upgrade", {})).toBe(false);
  });

  it("a job kind applies to every approval of that kind; all to every approval", () => {
    const s = parseFourEyes("upgrade, provision");
    expect(fourEyesApplies(s, "upgrade", {})).toBe(true);
    expect(fourEyesApplies(s, "selftest", {})).toBe(false);
    expect(fourEyesApplies(parseFourEyes("all"), "selftest", {})).toBe(true);
  });

  it("refuses an unknown entry, naming what is allowed", () => {
    expect(() => parseFourEyes("destructiv")).toThrow(/FOUR_EYES.*destructive, all or a job kind/);
  });
});
