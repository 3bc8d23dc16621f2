import { describe, expect, it } from "vitest";
import { compareVersions, SEED_RELEASES } from "../instances/versions";
import { allowsInPlace, databaseChangesBetween, inPlaceRefusal, latestRelease, nextMinorStop, releasesBehind, type ReleaseFacts } from "./release-rules";

const seed: ReleaseFacts[] = SEED_RELEASES.map((r) => ({ ...r, retired: false }));

describe("release rules", () => {
  it("compares dotted versions numerically", () => {
    expect(compareVersions("5.10.0", "5.9.1")).toBeGreaterThan(0);
    expect(compareVersions("5.9.1", "5.9.1")).toBe(0);
    expect(releasesBehind(seed, "5.10.1")).toBe(1);
  });

  it("lists the releases with database changes an upgrade would cross, the target included", () => {
    expect(databaseChangesBetween(seed, "5.10.1", "5.10.2")).toEqual([]);
    expect(databaseChangesBetween(seed, "5.10.0", "5.10.2")).toEqual([]);
    expect(databaseChangesBetween(seed, "5.9.1", "5.10.2")).toEqual(["5.10.0"]);
    expect(databaseChangesBetween(seed, "5.9.0", "5.10.0")).toEqual(["5.10.0"]);
    expect(databaseChangesBetween(seed, "5.7.1", "5.10.1")).toEqual(["5.8.0", "5.9.0", "5.10.0"]);
  });

  it("refuses in place across a database change, and says why", () => {
    expect(inPlaceRefusal(seed, "5.10.0", "5.10.2")).toBeNull();
    expect(inPlaceRefusal(seed, "5.9.1", "5.10.2")).toMatch(/skip 5\.10\.0, which changes the database/);
    expect(allowsInPlace(seed, "5.10.2")).toBe(true);
    expect(allowsInPlace(seed, "5.10.0")).toBe(false);
    expect(allowsInPlace(seed, "9.9.9")).toBe(false);
  });

  it("still counts a retired release's migrations, but never offers it as a target", () => {
    const withRetired = seed.map((r) => (r.version === "5.10.0" ? { ...r, retired: true } : r));
    expect(databaseChangesBetween(withRetired, "5.9.1", "5.10.2")).toEqual(["5.10.0"]);
    const lastRetired = seed.map((r) => (r.version === "5.10.2" ? { ...r, retired: true } : r));
    expect(latestRelease(lastRetired)).toBe("5.10.1");
    expect(releasesBehind(lastRetired, "5.10.1")).toBe(0);
  });

  it("a release added later changes the answers at once", () => {
    const added = [...seed, { version: "5.11.0", databaseChanges: true, retired: false }];
    expect(latestRelease(added)).toBe("5.11.0");
    expect(nextMinorStop(added, "5.10.2", "5.11.0")).toBeNull();
    expect(nextMinorStop(added, "5.9.1", "5.11.0")).toBe("5.10.2");
    expect(inPlaceRefusal(added, "5.10.2", "5.11.0")).not.toBeNull();
  });

  it("names the release to stop at when a jump crosses more than one minor release", () => {
    expect(nextMinorStop(seed, "5.9.1", "5.10.2")).toBeNull();
    expect(nextMinorStop(seed, "5.10.0", "5.10.2")).toBeNull();
    expect(nextMinorStop(seed, "5.8.1", "5.10.0")).toBe("5.9.1");
    expect(nextMinorStop(seed, "5.6.0", "5.10.2")).toBe("5.7.1");
  });
});
