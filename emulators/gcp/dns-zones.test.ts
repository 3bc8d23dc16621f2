import { describe, expect, it } from "vitest";
import { DEFAULT_MANAGED_ZONES, parseManagedZones } from "./dns-zones";

describe("parseManagedZones", () => {
  it("defaults to sourcegraph-com in sourcegraph-infrastructure", () => {
    expect(parseManagedZones(undefined)).toBe(DEFAULT_MANAGED_ZONES);
    expect(parseManagedZones(" ")).toEqual([{ project: "sourcegraph-infrastructure", name: "sourcegraph-com", dnsName: "sourcegraph.com." }]);
  });
  it("reads project/zone/dnsName lists and adds the trailing dot", () => {
    expect(parseManagedZones("infra/example-com/Example.com, infra/dev/dev.example.com.")).toEqual([
      { project: "infra", name: "example-com", dnsName: "example.com." },
      { project: "infra", name: "dev", dnsName: "dev.example.com." },
    ]);
  });
  it("rejects malformed entries", () => {
    expect(() => parseManagedZones("infra/zone")).toThrow(/project\/zone\/dns.name/);
    expect(() => parseManagedZones("a/b/c/d")).toThrow(/GCP_EMULATOR_DNS_ZONES/);
  });
});
