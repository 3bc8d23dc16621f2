import { describe, expect, it } from "vitest";
import { matchRoute } from "./routes";

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
  ])("%s %s", (method, path, expected) => {
    expect(matchRoute(method, path)).toMatchObject({ project: "sourcegraph-managed-acme", ...expected });
  });

  it.each([
    ["GET", `${P}/zones/us-central1-a/instances/prod/stop`], // stop is POST only
    ["POST", `${P}/global/sslCertificates`], // certificates are read-only here
    ["GET", `${P}/global/instances`], // instances are zonal
    ["GET", `${P}/regions/r1/sslCertificates`], // only global certificates
    ["GET", `${P}/global/networks`],
    ["POST", `${P}/zones/z-a/instances/prod/reset`],
    ["GET", `${P}/zones/z-a/instances/prod/stop/extra`],
    ["GET", "/compute/v1/projects//global/addresses"],
    ["GET", "/other"],
  ])("rejects %s %s", (method, path) => {
    expect(matchRoute(method, path)).toBeUndefined();
  });
});
