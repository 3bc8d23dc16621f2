import { describe, expect, it } from "vitest";
import { routeRequest } from "./route-request";

describe("routeRequest", () => {
  it("routes by path prefix, as the public URL", () => {
    expect(routeRequest("/i/acme/.api/graphql", "127.0.0.1:4020")).toEqual({ via: "public", slug: "acme", path: "/.api/graphql", basePath: "/i/acme" });
    expect(routeRequest("/i/acme", "127.0.0.1:4020")).toEqual({ via: "public", slug: "acme", path: "/", basePath: "/i/acme" });
  });

  it("routes by Host header, as the public URL", () => {
    expect(routeRequest("/healthz", "Acme-Corp.sourcegraph.com:4020")).toEqual({ via: "public", slug: "acme-corp", path: "/healthz", basePath: "" });
  });

  it("routes the fake gcloud's tunnel prefix to a project's VM, whatever the Host says", () => {
    expect(routeRequest("/vm/sourcegraph-managed-acme/prod-red/healthz", "127.0.0.1:51234")).toEqual({
      via: "tunnel",
      project: "sourcegraph-managed-acme",
      vm: "prod-red",
      path: "/healthz",
    });
    expect(routeRequest("/vm/sourcegraph-managed-acme/prod", "acme.sourcegraph.com")).toMatchObject({ via: "tunnel", path: "/" });
  });

  it("serves nothing for other hosts or malformed slugs, projects and VM names", () => {
    expect(routeRequest("/healthz", "127.0.0.1:4020")).toBeNull();
    expect(routeRequest("/i/..%2Fx/healthz", undefined)).toBeNull();
    expect(routeRequest("/i/ACME/healthz", undefined)).toBeNull();
    expect(routeRequest("/", "evil.sourcegraph.com.attacker.net")).toBeNull();
    expect(routeRequest("/vm/x/prod/healthz", undefined)).toBeNull();
    expect(routeRequest("/vm/sourcegraph-managed-acme/Prod;id/healthz", undefined)).toBeNull();
  });
});
