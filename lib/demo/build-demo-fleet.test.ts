import { describe, expect, it } from "vitest";
import { GCP_PROJECT_ID, slugSchema } from "../instances/slug";
import { buildDemoFleet } from "./build-demo-fleet";

describe("buildDemoFleet", () => {
  const fleet = buildDemoFleet(10_000);
  it("builds the requested number of instances with unique, valid slugs and project IDs", () => {
    expect(fleet).toHaveLength(10_000);
    expect(new Set(fleet.map((i) => i.slug)).size).toBe(10_000);
    expect(new Set(fleet.map((i) => i.gcpProjectId)).size).toBe(10_000);
    for (const i of fleet) {
      expect(slugSchema.safeParse(i.slug).success, i.slug).toBe(true);
      expect(i.gcpProjectId).toMatch(GCP_PROJECT_ID);
    }
  });
  it("never gives two instances the same IP", () => {
    const ips = fleet.flatMap((i) => [i.globalIp, ...i.natIps]).filter(Boolean);
    expect(new Set(ips).size).toBe(ips.length);
  });
  it("is varied: versions, statuses, health, zones, access modes", () => {
    const small = buildDemoFleet(40);
    const distinct = (f: (i: (typeof small)[number]) => string) => new Set(small.map(f)).size;
    expect(distinct((i) => i.version)).toBeGreaterThanOrEqual(4);
    expect(distinct((i) => i.status)).toBeGreaterThanOrEqual(3);
    expect(distinct((i) => i.health)).toBeGreaterThanOrEqual(3);
    expect(distinct((i) => i.zone)).toBeGreaterThanOrEqual(4);
    expect(small.some((i) => i.accessMode === "ip_allowlist" && i.allowlistCidrs.length > 0)).toBe(true);
    expect(small.filter((i) => i.status === "active").every((i) => i.natIps.length === 2)).toBe(true);
  });
  it("is deterministic", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(buildDemoFleet(5, now)).toEqual(buildDemoFleet(5, now));
  });
});
