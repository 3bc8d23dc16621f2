import { describe, expect, it } from "vitest";
import { parseResourceRef } from "./resource-ref";

describe("parseResourceRef", () => {
  it.each([
    ["https://www.googleapis.com/compute/v1/projects/p2/global/snapshots/s1", { project: "p2", kind: "snapshot", location: "global", name: "s1" }],
    ["https://compute.googleapis.com/compute/v1/projects/p2/global/snapshots/s1", { project: "p2", kind: "snapshot", location: "global", name: "s1" }],
    ["projects/p2/zones/z-a/disks/d", { project: "p2", kind: "disk", location: "zones/z-a", name: "d" }],
    ["global/snapshots/s1", { project: "p1", kind: "snapshot", location: "global", name: "s1" }],
    ["zones/z-a/networkEndpointGroups/prod-red-neg", { project: "p1", kind: "networkEndpointGroup", location: "zones/z-a", name: "prod-red-neg" }],
  ])("resolves %s", (ref, expected) => {
    expect(parseResourceRef(ref, "p1", "resource.x")).toEqual(expected);
  });

  it.each(["snapshots/s1", "global/widgets/w", "zones/z-a/disks", "zones/z-a/disks/d/extra", "projects//global/snapshots/s", ""])(
    "rejects %j with a 400 naming the field",
    (ref) => {
      expect(() => parseResourceRef(ref, "p1", "resource.sourceSnapshot")).toThrow(/resource\.sourceSnapshot.*malformed/);
    },
  );
});
