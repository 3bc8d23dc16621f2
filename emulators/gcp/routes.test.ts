import { describe, expect, it } from "vitest";
import { matchRoute, methodId } from "./routes";

const P = "/compute/v1/projects/sourcegraph-managed-acme";

describe("matchRoute", () => {
  it.each([
    ["GET", `${P}/zones/us-central1-a/instances`, { action: "list", kind: "instance", location: "zones/us-central1-a" }],
    ["POST", `${P}/zones/us-central1-a/instances`, { action: "insert", kind: "instance" }],
    ["GET", `${P}/zones/us-central1-a/instances/prod`, { action: "get", name: "prod" }],
    ["DELETE", `${P}/zones/us-central1-a/instances/prod`, { action: "delete", name: "prod" }],
    ["POST", `${P}/zones/us-central1-a/instances/prod/stop`, { action: "stop", name: "prod" }],
    ["POST", `${P}/zones/us-central1-a/instances/prod/start`, { action: "start", name: "prod" }],
    ["GET", `${P}/global/addresses/default-global-address`, { action: "get", kind: "address", location: "global" }],
    ["POST", `${P}/regions/us-central1/addresses`, { action: "insert", kind: "address", location: "regions/us-central1" }],
    ["GET", `${P}/global/sslCertificates`, { action: "list", kind: "sslCertificate", location: "global" }],
    ["GET", `${P}/zones/z-a/operations/op-1`, { action: "get", kind: "operation", location: "zones/z-a", name: "op-1" }],
    ["POST", `${P}/regions/r1/operations/op-1/wait`, { action: "wait", kind: "operation", location: "regions/r1" }],
    ["POST", `${P}/global/operations/op-1/wait`, { action: "wait", kind: "operation", location: "global" }],
    ["POST", `${P}/zones/z-a/disks`, { action: "insert", kind: "disk", location: "zones/z-a" }],
    ["POST", `${P}/zones/z-a/disks/prod-red-data/createSnapshot`, { action: "createSnapshot", kind: "disk", name: "prod-red-data" }],
    ["GET", `${P}/global/snapshots`, { action: "list", kind: "snapshot", location: "global" }],
    ["DELETE", `${P}/global/snapshots/s1`, { action: "delete", kind: "snapshot", name: "s1" }],
    ["PATCH", `${P}/global/backendServices/prod-backend-service`, { action: "patch", kind: "backendService" }],
    ["PUT", `${P}/global/backendServices/prod-backend-service`, { action: "update", kind: "backendService" }],
    ["GET", `${P}/zones/z-a/networkEndpointGroups/prod-red-neg`, { action: "get", kind: "networkEndpointGroup" }],
    ["POST", `${P}/zones/z-a/instanceGroups`, { action: "insert", kind: "instanceGroup" }],
    ["POST", `${P}/global/sslCertificates`, { action: "insert", kind: "sslCertificate" }],
    ["DELETE", `${P}/global/sslCertificates/c`, { action: "delete", kind: "sslCertificate" }],
    ["POST", `${P}/regions/r1/routers`, { action: "insert", kind: "router", location: "regions/r1" }],
    ["GET", `${P}/regions/r1/routers/default-router`, { action: "get", kind: "router", name: "default-router" }],
    ["POST", `${P}/global/securityPolicies`, { action: "insert", kind: "securityPolicy", location: "global" }],
    ["DELETE", `${P}/global/securityPolicies/prod-allowlist`, { action: "delete", kind: "securityPolicy" }],
    ["POST", `${P}/global/backendServices/b/setSecurityPolicy`, { action: "setSecurityPolicy", kind: "backendService" }],
    ["POST", `${P}/zones/z-a/networkEndpointGroups/n/attachNetworkEndpoints`, { action: "attachNetworkEndpoints" }],
    ["POST", `${P}/zones/z-a/networkEndpointGroups/n/detachNetworkEndpoints`, { action: "detachNetworkEndpoints" }],
    ["POST", `${P}/zones/z-a/networkEndpointGroups/n/listNetworkEndpoints`, { action: "listNetworkEndpoints" }],
  ])("%s %s", (method, path, expected) => {
    expect(matchRoute(method, path)).toMatchObject({ project: "sourcegraph-managed-acme", ...expected });
  });

  it.each([
    ["GET", `${P}/zones/us-central1-a/instances/prod/stop`], // stop is POST only
    ["PATCH", `${P}/global/sslCertificates/c`], // certificates are immutable
    ["GET", `${P}/global/instances`], // instances are zonal
    ["GET", `${P}/regions/r1/sslCertificates`], // only global certificates
    ["GET", `${P}/global/networks`],
    ["POST", `${P}/zones/z-a/instances/prod/reset`],
    ["GET", `${P}/zones/z-a/instances/prod/stop/extra`],
    ["GET", "/compute/v1/projects//global/addresses"],
    ["GET", "/other"],
    ["POST", `${P}/global/disks`], // disks are zonal
    ["PATCH", `${P}/global/snapshots/s1`], // snapshots are immutable here
    ["POST", `${P}/global/snapshots/s1/createSnapshot`],
    ["PUT", `${P}/zones/z-a/networkEndpointGroups/n`],
    ["GET", `${P}/global/routers`], // routers are regional
    ["GET", `${P}/regions/r1/securityPolicies`], // the emulator's policies are global
  ])("rejects %s %s", (method, path) => {
    expect(matchRoute(method, path)).toBeUndefined();
  });

  it("names the API method like GCP's discovery ids, for fault injection", () => {
    expect(methodId(matchRoute("POST", `${P}/zones/z-a/disks/d/createSnapshot`)!)).toBe("compute.disks.createSnapshot");
    expect(methodId(matchRoute("PATCH", `${P}/global/backendServices/b`)!)).toBe("compute.backendServices.patch");
    expect(methodId(matchRoute("GET", `${P}/zones/z-a/instances/prod`)!)).toBe("compute.instances.get");
  });
});
