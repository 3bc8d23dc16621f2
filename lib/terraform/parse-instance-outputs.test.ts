import { describe, expect, it } from "vitest";
import { parseInstanceOutputs } from "./parse-instance-outputs";

const out = (value: unknown) => ({ value, type: "string", sensitive: false });

describe("parseInstanceOutputs", () => {
  it("returns typed outputs", () => {
    expect(
      parseInstanceOutputs({
        global_address: out("34.120.1.2"),
        nat_ips: out(["35.226.3.10", "35.226.3.11"]),
        backend_service: out("prod-backend-service"),
      }),
    ).toEqual({ globalAddress: "34.120.1.2", natIps: ["35.226.3.10", "35.226.3.11"] });
  });

  it("rejects outputs that break the module contract", () => {
    expect(() =>
      parseInstanceOutputs({ global_address: out("not-an-ip"), nat_ips: out(["1.1.1.1"]) }),
    ).toThrow(/do not match the instance module/);
    expect(() => parseInstanceOutputs({})).toThrow();
  });
});
