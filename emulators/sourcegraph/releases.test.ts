import { describe, expect, it } from "vitest";
import { composeFileText, releaseOfTag } from "./compose-file";
import { isValidUpgrade, parseVersion } from "./releases";

const v = (text: string) => parseVersion(text)!;

describe("the migrator's upgrade policy (upgradestore.IsValidUpgrade)", () => {
  it("allows one minor version at a time, patches, rollbacks, and x.last → (x+1).0", () => {
    expect(isValidUpgrade(v("5.9.1"), v("5.10.0"))).toBe(true);
    expect(isValidUpgrade(v("5.10.0"), v("5.10.2"))).toBe(true);
    expect(isValidUpgrade(v("5.10.2"), v("5.9.0"))).toBe(true);
    expect(isValidUpgrade(v("5.11.0"), v("6.0.0"))).toBe(true);
  });

  it("refuses skipping a minor version or a major one", () => {
    expect(isValidUpgrade(v("5.8.1"), v("5.10.0"))).toBe(false);
    expect(isValidUpgrade(v("5.11.0"), v("6.1.0"))).toBe(false);
    expect(isValidUpgrade(v("4.5.0"), v("6.0.0"))).toBe(false);
  });

  it("reads the migrator's version flags: {Major}.{Minor} or v{Major}.{Minor}, a patch tolerated", () => {
    expect(parseVersion("v5.9")).toEqual({ major: 5, minor: 9, patch: 0 });
    expect(parseVersion("5.10.2")).toEqual({ major: 5, minor: 10, patch: 2 });
    expect(parseVersion("5")).toBeNull();
    expect(parseVersion("latest")).toBeNull();
  });
});

describe("the deploy repository", () => {
  it("has a tag v<version> per release; anything else is unknown", () => {
    expect(releaseOfTag("v5.10.2")).toBe("5.10.2");
    expect(releaseOfTag("5.10.2")).toBeNull();
    expect(releaseOfTag("v9.9.9")).toBeNull();
    expect(releaseOfTag("main")).toBeNull();
  });

  it("pins every image of a release by tag and digest, the same digest for the same image and release", () => {
    const file = composeFileText("5.10.2");
    const images = [...file.matchAll(/image: '([^']+)'/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(20);
    for (const image of images) expect(image).toMatch(/^index\.docker\.io\/[a-z0-9/-]+:[0-9a-z.-]+@sha256:[0-9a-f]{64}$/);
    expect(images.filter((i) => i.includes("/sourcegraph/")).every((i) => i.includes(":5.10.2@"))).toBe(true);
    expect(composeFileText("5.10.2")).toBe(file);
    expect(composeFileText("5.10.1")).not.toBe(file);
  });
});
