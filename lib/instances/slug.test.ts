import { describe, expect, it } from "vitest";
import { GCP_PROJECT_ID, projectIdForSlug, slugSchema } from "./slug";

describe("slugSchema", () => {
  it.each(["acme", "globex-corp", "a1b2c3", "initech-2024"])("accepts %s", (s) => {
    expect(slugSchema.safeParse(s).success).toBe(true);
  });
  it.each([
    ["ab", "at least 3"],
    ["1acme", "start with a lowercase letter"],
    ["acme-", "must not end with a hyphen"],
    ["Acme", "start with a lowercase letter"],
    ["acme;rm -rf /", "only lowercase"],
    ["acme$(whoami)", "only lowercase"],
    ["../etc/passwd", "start with a lowercase letter"],
    ["аcme", "start with a lowercase letter"], // Cyrillic а
    ["ac--me", "consecutive hyphens"],
    ["a".repeat(41), "at most 40"],
  ])("rejects %j with a reason", (s, reason) => {
    const r = slugSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join(" ")).toContain(reason);
  });
});

describe("projectIdForSlug", () => {
  it("uses the runbook's name when it fits", () => {
    expect(projectIdForSlug("acme")).toBe("sourcegraph-managed-acme");
    expect(projectIdForSlug("abcdefghij")).toBe("sourcegraph-managed-abcdefghij");
  });
  it("maps long slugs to a valid, deterministic, distinct ID", () => {
    const a = projectIdForSlug("globex-corporation");
    const b = projectIdForSlug("globex-corporation-eu");
    expect(a).toMatch(GCP_PROJECT_ID);
    expect(b).toMatch(GCP_PROJECT_ID);
    expect(a.length).toBeLessThanOrEqual(30);
    expect(a).not.toBe(b);
    expect(projectIdForSlug("globex-corporation")).toBe(a);
    expect(a.startsWith("sourcegraph-managed-glo-")).toBe(true);
  });
  it("never ends with a hyphen when the head does", () => {
    expect(projectIdForSlug("ab-cdefghijklm")).toMatch(GCP_PROJECT_ID);
  });
  it("every valid slug maps to a valid project ID", () => {
    for (const s of ["abc", "a-b-c-d-e-f-g-h", "z".repeat(40), "abcdefghijk"]) {
      expect(projectIdForSlug(s)).toMatch(GCP_PROJECT_ID);
    }
  });
});
