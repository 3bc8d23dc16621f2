import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome, restClient } from "./rest-test-client";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject, seedLoadBalancer } from "./state";

/**
 * Cloud Armor as GCP's API answers it (REALITY.md: an IP allowlist is a security policy
 * attached to the backend service, default rule deny): Cloud Armor's rule checks, the policy
 * reference on the backend service, and the in-use rule that keeps an attached policy alive.
 */
const P = "sourcegraph-managed-armor";
const G = `/compute/v1/projects/${P}/global`;
const POLICY = `${G}/securityPolicies/prod-allowlist`;
const SERVICE = `${G}/backendServices/prod-backend-service`;

let emulator: GcpEmulator;
let api: ReturnType<typeof restClient>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  api = restClient(emulator.url);
  await createProject(emulator.pool, P);
  await seedLoadBalancer(emulator.pool, { project: P, zone: "us-central1-a", live: "red" });
});
afterAll(() => emulator?.close());

const allow = (priority: number, srcIpRanges: string[]) => ({ priority, action: "allow", match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges } } });
const denyAll = { priority: 2147483647, action: "deny(403)", match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } } };

describe("security policies", () => {
  it("refuse what Cloud Armor refuses: more than 10 ranges in a rule, a bad range, a duplicate priority, an unknown action", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `198.51.100.${i}/32`);
    for (const rules of [[allow(1000, eleven)], [allow(1000, ["not-a-cidr"])], [allow(1000, ["10.0.0.0/8"]), allow(1000, ["10.1.0.0/16"])], [{ ...denyAll, action: "block" }]]) {
      expect(outcome(await api.call("POST", `${G}/securityPolicies`, { name: "bad", rules })), JSON.stringify(rules)).toEqual([400, "invalid"]);
    }
    expect((await api.call("GET", `${G}/securityPolicies/bad`)).status).toBe(404);
  });

  it("get GCP's default rule (allow everything) when created without one", async () => {
    await api.call("POST", `${G}/securityPolicies`, { name: "no-default", rules: [allow(1000, ["203.0.113.0/24"])] });
    const policy = await api.get(`${G}/securityPolicies/no-default`);
    expect(policy.rules.map((r: Record<string, any>) => [r.priority, r.action, r.match.config.srcIpRanges])).toEqual([
      [1000, "allow", ["203.0.113.0/24"]],
      [2147483647, "allow", ["*"]],
    ]);
  });

  it("change rules only through addRule, patchRule and removeRule; the default rule stays", async () => {
    expect(outcome(await api.call("POST", `${G}/securityPolicies`, { name: "prod-allowlist", rules: [allow(1000, ["203.0.113.0/24"]), denyAll] }))).toEqual([200, "ok"]);
    const created = await api.get(POLICY);
    expect(outcome(await api.call("POST", `${POLICY}/addRule`, allow(1000, ["192.0.2.0/24"])))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${POLICY}/addRule`, allow(1001, ["192.0.2.0/24"])))).toEqual([200, "ok"]);
    expect(outcome(await api.call("POST", `${POLICY}/patchRule?priority=1000`, allow(1000, ["203.0.113.0/25"])))).toEqual([200, "ok"]);
    expect(outcome(await api.call("POST", `${POLICY}/removeRule?priority=2147483647`))).toEqual([400, "invalid"]);
    expect(outcome(await api.call("POST", `${POLICY}/removeRule?priority=1001`))).toEqual([200, "ok"]);
    const policy = await api.get(POLICY);
    expect(policy.rules.map((r: Record<string, any>) => [r.priority, r.match.config.srcIpRanges])).toEqual([
      [1000, ["203.0.113.0/25"]],
      [2147483647, ["*"]],
    ]);
    expect(policy.fingerprint).not.toBe(created.fingerprint);
  });
});

describe("a backend service's security policy", () => {
  it("is attached with setSecurityPolicy, survives a retarget, and keeps the policy from being deleted", async () => {
    const reply = await api.call("POST", `${SERVICE}/setSecurityPolicy`, { securityPolicy: `projects/${P}/global/securityPolicies/prod-allowlist` });
    expect(outcome(reply)).toEqual([200, "ok"]);
    const policy = await api.get(POLICY);
    const service = await api.get(SERVICE);
    expect(service.securityPolicy).toBe(policy.selfLink);

    // A retarget (what an upgrade's switch sends) cannot drop the allowlist.
    const retarget = await api.call("PATCH", SERVICE, { fingerprint: service.fingerprint, backends: [{ group: `zones/us-central1-a/networkEndpointGroups/prod-black-neg` }], securityPolicy: "" });
    expect(outcome(retarget)).toEqual([200, "ok"]);
    expect((await api.get(SERVICE)).securityPolicy).toBe(policy.selfLink);

    const refused = await api.call("DELETE", POLICY);
    expect(outcome(refused)).toEqual([400, "resourceInUseByAnotherResource"]);
    expect(refused.body.error.message).toBe(`The security_policy resource 'projects/${P}/global/securityPolicies/prod-allowlist' is already being used by '${service.selfLink}'`);

    expect(outcome(await api.call("POST", `${SERVICE}/setSecurityPolicy`, {}))).toEqual([200, "ok"]);
    expect(await api.get(SERVICE)).not.toHaveProperty("securityPolicy");
    expect(outcome(await api.call("DELETE", POLICY))).toEqual([200, "ok"]);
  });

  it("may be given at insert, and must exist", async () => {
    const backends = [{ group: `zones/us-central1-a/networkEndpointGroups/prod-red-neg` }];
    const missing = await api.call("POST", `${G}/backendServices`, { name: "armoured", backends, securityPolicy: `global/securityPolicies/nope` });
    expect(outcome(missing)).toEqual([404, "notFound"]);
    const ok = await api.call("POST", `${G}/backendServices`, { name: "armoured", backends, securityPolicy: `global/securityPolicies/no-default`, loadBalancingScheme: "EXTERNAL_MANAGED" });
    expect(outcome(ok)).toEqual([200, "ok"]);
    expect(await api.get(`${G}/backendServices/armoured`)).toMatchObject({
      securityPolicy: `https://www.googleapis.com/compute/v1/projects/${P}/global/securityPolicies/no-default`,
      loadBalancingScheme: "EXTERNAL_MANAGED",
    });
  });
});
