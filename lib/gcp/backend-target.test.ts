import { describe, expect, it } from "vitest";
import { backendGroupUrl, parseBackendGroup, sameTarget } from "./backend-target";

const LINK = "https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-f";

describe("backend targets", () => {
  it("parses zonal group URLs", () => {
    expect(parseBackendGroup(`${LINK}/networkEndpointGroups/prod-red-neg`)).toEqual({ type: "networkEndpointGroup", zone: "us-central1-f", name: "prod-red-neg" });
    expect(parseBackendGroup(`${LINK}/instanceGroups/prod-black`)).toEqual({ type: "instanceGroup", zone: "us-central1-f", name: "prod-black" });
  });
  it("refuses what a red/black switch cannot target", () => {
    expect(parseBackendGroup("https://www.googleapis.com/compute/v1/projects/p/regions/r/networkEndpointGroups/serverless")).toBeUndefined();
    expect(parseBackendGroup(`${LINK}/instances/prod`)).toBeUndefined();
    expect(parseBackendGroup("")).toBeUndefined();
  });
  it("builds the partial URL GCP accepts and round-trips it", () => {
    const t = { type: "networkEndpointGroup", zone: "z-a", name: "n" } as const;
    expect(backendGroupUrl("p", t)).toBe("projects/p/zones/z-a/networkEndpointGroups/n");
    expect(parseBackendGroup(`https://x/${backendGroupUrl("p", t)}`)).toEqual(t);
    expect(sameTarget(t, { ...t })).toBe(true);
    expect(sameTarget(t, { ...t, zone: "z-b" })).toBe(false);
    expect(sameTarget(null, t)).toBe(false);
  });
});
