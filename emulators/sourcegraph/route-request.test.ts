import { describe, expect, it } from "vitest";
import { routeRequest } from "./route-request";

describe("routeRequest", () => {
  it("routes by path prefix", () => {
    expect(routeRequest("/i/acme/.api/graphql", "127.0.0.1:4020")).toEqual({ slug: "acme", path: "/.api/graphql", basePath: "/i/acme" });
    expect(routeRequest("/i/acme", "127.0.0.1:4020")).toEqual({ slug: "acme", path: "/", basePath: "/i/acme" });
  });

  it("routes by Host header", () => {
    expect(routeRequest("/healthz", "Acme-Corp.sourcegraph.com:4020")).toEqual({ slug: "acme-corp", path: "/healthz", basePath: "" });
  });

  it("serves nothing for other hosts or malformed slugs", () => {
    expect(routeRequest("/healthz", "127.0.0.1:4020")).toBeNull();
    expect(routeRequest("/i/..%2Fx/healthz", undefined)).toBeNull();
    expect(routeRequest("/i/ACME/healthz", undefined)).toBeNull();
    expect(routeRequest("/", "evil.sourcegraph.com.attacker.net")).toBeNull();
  });
});
