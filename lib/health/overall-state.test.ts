import { describe, expect, it } from "vitest";
import { failingChecks, overallState } from "./overall-state";
import { CHECKS, type CheckKey, type CheckOutcome } from "./types";

const all = (over: Partial<Record<CheckKey, CheckOutcome>> = {}) =>
  (Object.keys(CHECKS) as CheckKey[]).map((key) => ({ key, name: CHECKS[key], outcome: over[key] ?? ("pass" as CheckOutcome) }));

describe("overallState", () => {
  it("is healthy when every check passes", () => {
    expect(overallState(all())).toBe("healthy");
  });

  it("is down when the VM is not running or /healthz fails, whatever else is wrong", () => {
    expect(overallState(all({ vm: "fail" }))).toBe("down");
    expect(overallState(all({ healthz: "fail" }))).toBe("down");
    expect(overallState(all({ healthz: "fail", version: "fail", containers: "error" }))).toBe("down");
  });

  it("is degraded for a version mismatch, a certificate not ACTIVE or an unhealthy container", () => {
    expect(overallState(all({ version: "fail" }))).toBe("degraded");
    expect(overallState(all({ certificate: "fail" }))).toBe("degraded");
    expect(overallState(all({ containers: "fail" }))).toBe("degraded");
    expect(overallState(all({ containers: "fail", vm: "error" }))).toBe("degraded");
  });

  it("is unknown when nothing failed but some check could not run, or none ran", () => {
    expect(overallState(all({ containers: "error" }))).toBe("unknown");
    expect(overallState(all({ vm: "error", healthz: "error", version: "error", certificate: "error", containers: "error" }))).toBe("unknown");
    expect(overallState([])).toBe("unknown");
  });

  it("names the checks that did not pass", () => {
    expect(failingChecks(all({ vm: "fail", containers: "error" }))).toEqual(["VM status", "Containers"]);
  });
});
