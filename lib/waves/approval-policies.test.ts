import { describe, expect, it } from "vitest";
import { APPROVAL_POLICIES } from "../upgrades/upgrade-params";
import { approvesAutomatically } from "./approval-policies";
import { createWaveBodySchema } from "./wave-schema";

describe("approval policies", () => {
  it("give the switch, the destroy, both or neither", () => {
    const table = APPROVAL_POLICIES.map((p) => [p, approvesAutomatically(p, "approve-switch"), approvesAutomatically(p, "approve-destroy")]);
    expect(table).toEqual([
      ["ask-every-step", false, false],
      ["auto-switch-ask-destroy", true, false],
      ["auto-switch-auto-destroy", true, true],
    ]);
  });

  it("never give a plan that destroys or replaces, nor any other step", () => {
    for (const p of APPROVAL_POLICIES) for (const key of ["approve-plan", "destroy-old", "retarget", ""]) expect(approvesAutomatically(p, key), `${p} ${key}`).toBe(false);
  });

  it("default to asking at every step when a wave names none, and refuse an unknown one", () => {
    expect(createWaveBodySchema.parse({ targetVersion: "5.10.2", instances: ["acme"] }).approvalPolicy).toBe("ask-every-step");
    const unknown = createWaveBodySchema.safeParse({ targetVersion: "5.10.2", instances: ["acme"], approvalPolicy: "auto-everything" });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]).toMatchObject({ path: ["approvalPolicy"], message: expect.stringContaining("auto-switch-ask-destroy") });
    expect(createWaveBodySchema.safeParse({ targetVersion: "5.10.2", instances: ["acme"], approvalPolicy: null }).success).toBe(false);
  });
});
