import { describe, expect, it } from "vitest";
import { IapTunnelError } from "./iap-tunnel-error";
import { parseTunnelLine, startIapTunnelArgs } from "./start-iap-tunnel-args";

const target = { project: "sourcegraph-managed-acme", zone: "us-central1-f", vm: "prod-red" };

describe("startIapTunnelArgs", () => {
  it("builds the runbook's port-forward to Caddy, letting gcloud pick the local port", () => {
    expect(startIapTunnelArgs(target)).toEqual([
      "compute",
      "start-iap-tunnel",
      "prod-red",
      "80",
      "--local-host-port=127.0.0.1:0",
      "--zone",
      "us-central1-f",
      "--project",
      "sourcegraph-managed-acme",
      "--quiet",
    ]);
    expect(startIapTunnelArgs({ ...target, vm: "prod-black", remotePort: 3370 }).slice(2, 4)).toEqual(["prod-black", "3370"]);
  });

  it("refuses values that are not GCP's own formats, before anything is spawned", () => {
    const refused = (over: Record<string, unknown>) => {
      try {
        startIapTunnelArgs({ ...target, ...over } as typeof target);
      } catch (error) {
        return error instanceof IapTunnelError ? error.kind : error;
      }
      return "accepted";
    };
    expect(refused({ project: "x --impersonate-service-account=evil@x.iam.gserviceaccount.com" })).toBe("invalid-target");
    expect(refused({ zone: "us-central1-f --verbosity=debug" })).toBe("invalid-target");
    expect(refused({ vm: "prod;id" })).toBe("invalid-target");
    expect(refused({ vm: "--help" })).toBe("invalid-target");
    expect(refused({ vm: undefined })).toBe("invalid-target");
    expect(refused({ remotePort: 0 })).toBe("invalid-target");
    expect(refused({ remotePort: 80.5 })).toBe("invalid-target");
    expect(refused({ remotePort: 65536 })).toBe("invalid-target");
  });
});

describe("parseTunnelLine", () => {
  it("reads the port gcloud picked and the moment it listens", () => {
    expect(parseTunnelLine("Picking local unused port [51234].")).toEqual({ port: 51234, listening: false });
    expect(parseTunnelLine("Listening on port [51234].")).toEqual({ port: 51234, listening: true });
    expect(parseTunnelLine("Testing if tunnel connection works.")).toBeNull();
    expect(parseTunnelLine("Listening on port [0].")).toBeNull();
  });
});
