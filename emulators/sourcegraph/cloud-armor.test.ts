import { describe, expect, it } from "vitest";
import { cloudArmorDenyBody, DEFAULT_RULE_PRIORITY, evaluateSecurityPolicy, type SecurityPolicyDoc } from "./cloud-armor";

const srcIps = (priority: number, action: string, srcIpRanges: string[], preview?: boolean) => ({
  priority,
  action,
  preview,
  match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges } },
});

const allowlist: SecurityPolicyDoc = {
  name: "prod-allowlist",
  rules: [srcIps(DEFAULT_RULE_PRIORITY, "deny(403)", ["*"]), srcIps(1000, "allow", ["198.51.100.0/24", "203.0.113.9"])],
};

describe("evaluateSecurityPolicy", () => {
  it("lets addresses inside the allowlist's CIDRs through and denies the rest with the default rule", () => {
    expect(evaluateSecurityPolicy(allowlist, "198.51.100.77")).toEqual({ allowed: true, priority: 1000 });
    expect(evaluateSecurityPolicy(allowlist, "203.0.113.9")).toEqual({ allowed: true, priority: 1000 });
    expect(evaluateSecurityPolicy(allowlist, "203.0.113.10")).toEqual({ allowed: false, status: 403, priority: DEFAULT_RULE_PRIORITY });
    expect(evaluateSecurityPolicy(allowlist, "::ffff:198.51.100.1")).toMatchObject({ allowed: true });
    expect(evaluateSecurityPolicy(allowlist, "2001:db8::1")).toMatchObject({ allowed: false });
  });

  it("decides by the lowest priority number, whatever the order of the rules", () => {
    const policy = { rules: [srcIps(2000, "allow", ["10.0.0.0/8"]), srcIps(100, "deny(404)", ["10.1.0.0/16"]), srcIps(DEFAULT_RULE_PRIORITY, "allow", ["*"])] };
    expect(evaluateSecurityPolicy(policy, "10.1.2.3")).toEqual({ allowed: false, status: 404, priority: 100 });
    expect(evaluateSecurityPolicy(policy, "10.2.0.1")).toEqual({ allowed: true, priority: 2000 });
  });

  it("never enforces preview rules, and lets everything through without a policy", () => {
    const policy = { rules: [srcIps(10, "deny(403)", ["*"], true), srcIps(DEFAULT_RULE_PRIORITY, "allow", ["*"])] };
    expect(evaluateSecurityPolicy(policy, "192.0.2.1")).toMatchObject({ allowed: true });
    expect(evaluateSecurityPolicy(null, "192.0.2.1")).toEqual({ allowed: true, priority: null });
  });

  it("answers with the front end's own minimal page", () => {
    expect(cloudArmorDenyBody(403)).toBe(
      '<!doctype html><meta charset="utf-8"><meta name=viewport content="width=device-width, initial-scale=1"><title>403</title>403 Forbidden',
    );
  });
});
