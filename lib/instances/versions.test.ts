import { describe, expect, it } from "vitest";
import { compareVersions, databaseChangesBetween, nextMinorStop, releasesBehind } from "./versions";

describe("versions", () => {
  it("compares dotted versions numerically", () => {
    expect(compareVersions("5.10.0", "5.9.1")).toBeGreaterThan(0);
    expect(compareVersions("5.9.1", "5.9.1")).toBe(0);
    expect(releasesBehind("5.10.1")).toBe(1);
  });

  it("lists the releases with database changes an upgrade would cross, the target included", () => {
    expect(databaseChangesBetween("5.10.1", "5.10.2")).toEqual([]);
    expect(databaseChangesBetween("5.10.0", "5.10.2")).toEqual([]);
    expect(databaseChangesBetween("5.9.1", "5.10.2")).toEqual(["5.10.0"]);
    expect(databaseChangesBetween("5.9.0", "5.10.0")).toEqual(["5.10.0"]);
    expect(databaseChangesBetween("5.7.1", "5.10.1")).toEqual(["5.8.0", "5.9.0", "5.10.0"]);
  });

  it("names the release to stop at when a jump crosses more than one minor release", () => {
    expect(nextMinorStop("5.9.1", "5.10.2")).toBeNull();
    expect(nextMinorStop("5.10.0", "5.10.2")).toBeNull();
    expect(nextMinorStop("5.8.1", "5.10.0")).toBe("5.9.1");
    expect(nextMinorStop("5.6.0", "5.10.2")).toBe("5.7.1");
  });
});
