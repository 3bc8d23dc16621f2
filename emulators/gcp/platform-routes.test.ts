import { describe, expect, it } from "vitest";
import { matchPlatformRoute } from "./platform-routes";

const SA = "deploy@sourcegraph-managed-acme.iam.gserviceaccount.com";
const ZONE = "/dns/v1/projects/sourcegraph-infrastructure/managedZones/sourcegraph-com";

describe("matchPlatformRoute", () => {
  it.each([
    ["POST", "/v3/projects", "cloudresourcemanager.projects.create", {}],
    ["GET", "/v3/projects/sourcegraph-managed-acme", "cloudresourcemanager.projects.get", { project: "sourcegraph-managed-acme" }],
    ["POST", "/v3/projects/p1:setIamPolicy", "cloudresourcemanager.projects.setIamPolicy", { project: "p1" }],
    ["POST", "/v3/projects/p1%3AgetIamPolicy", "cloudresourcemanager.projects.getIamPolicy", { project: "p1" }],
    ["DELETE", "/v3/projects/p1", "cloudresourcemanager.projects.delete", { project: "p1" }],
    ["GET", "/v3/operations/cp.123", "cloudresourcemanager.operations.get", { operation: "cp.123" }],
    ["GET", "/v1/projects/p1/billingInfo", "cloudbilling.projects.getBillingInfo", { project: "p1" }],
    ["PUT", "/v1/projects/p1/billingInfo", "cloudbilling.projects.updateBillingInfo", { project: "p1" }],
    ["POST", "/v1/projects/p1/services/compute.googleapis.com:enable", "serviceusage.services.enable", { service: "compute.googleapis.com" }],
    ["GET", "/v1/projects/p1/services/compute.googleapis.com", "serviceusage.services.get", { service: "compute.googleapis.com" }],
    ["GET", "/v1/operations/acf.p2-1-2", "serviceusage.operations.get", { operation: "acf.p2-1-2" }],
    ["POST", "/v1/projects/p1/serviceAccounts", "iam.projects.serviceAccounts.create", { project: "p1" }],
    ["GET", `/v1/projects/-/serviceAccounts/${SA}`, "iam.projects.serviceAccounts.get", { project: "-", account: SA }],
    ["POST", `/v1/projects/p1/serviceAccounts/${encodeURIComponent(SA)}/keys`, "iam.projects.serviceAccounts.keys.create", { account: SA }],
    ["DELETE", `/v1/projects/p1/serviceAccounts/${SA}/keys/abc`, "iam.projects.serviceAccounts.keys.delete", { key: "abc" }],
    ["GET", `${ZONE}/rrsets`, "dns.resourceRecordSets.list", { zone: "sourcegraph-com" }],
    ["POST", `${ZONE}/rrsets`, "dns.resourceRecordSets.create", { project: "sourcegraph-infrastructure" }],
    ["PATCH", `${ZONE}/rrsets/acme.sourcegraph.com./A`, "dns.resourceRecordSets.patch", { name: "acme.sourcegraph.com.", type: "A" }],
    ["POST", "/v1/projects/ctl/secrets", "secretmanager.projects.secrets.create", { project: "ctl" }],
    ["POST", "/v1/projects/ctl/secrets/s1:addVersion", "secretmanager.projects.secrets.addVersion", { secret: "s1" }],
    ["DELETE", "/v1/projects/ctl/secrets/s1", "secretmanager.projects.secrets.delete", { secret: "s1" }],
    ["GET", "/v1/projects/ctl/secrets/s1/versions/3:access", "secretmanager.projects.secrets.versions.access", { version: "3" }],
    ["GET", "/v3/projects", "cloudresourcemanager.projects.list", {}],
  ])("%s %s", (method, path, id, params) => {
    const route = matchPlatformRoute(method, path);
    expect(route?.endpoint.id).toBe(id);
    expect(route?.params).toMatchObject(params);
  });

  it.each([
    ["PATCH", "/v3/projects/p1"],
    ["GET", "/v1/projects/p1/services/compute.googleapis.com:enable"],
    ["GET", "/v1/projects/p1/secrets/s1:addVersion"],
    ["GET", "/v1/projects//billingInfo"],
    ["GET", `${ZONE}/rrsets/a.sourcegraph.com./A/extra`],
    ["GET", "/compute/v1/projects/p1/global/addresses"],
  ])("leaves %s %s alone", (method, path) => {
    expect(matchPlatformRoute(method, path)).toBeUndefined();
  });

  it("scopes faults to the project, from the body for creates, and knows DNS's short aliases", () => {
    expect(matchPlatformRoute("POST", "/v3/projects")?.project({ projectId: "sourcegraph-managed-x" })).toBe("sourcegraph-managed-x");
    expect(matchPlatformRoute("GET", "/v1/projects/p1/billingInfo")?.project(undefined)).toBe("p1");
    expect(matchPlatformRoute("POST", `${ZONE}/rrsets`)?.methodIds).toEqual(["dns.resourceRecordSets.create", "dns.rrsets.create"]);
  });
});
