import { describe, expect, it } from "vitest";
import { StepError } from "../runbooks/types";
import type { TerraformCommandResult } from "../terraform";
import { checkTerraform } from "./step-helpers";

const result = (over: Partial<TerraformCommandResult>): TerraformCommandResult => ({
  subcommand: "apply",
  args: ["apply", "-json", "plan.bin"],
  ok: false,
  exitCode: 1,
  signal: null,
  cancelled: false,
  timedOut: false,
  durationMs: 10,
  records: [],
  errors: [],
  knownFailure: null,
  ...over,
});

describe("checkTerraform", () => {
  it("returns a successful result as it is", () => {
    const ok = result({ ok: true, exitCode: 0 });
    expect(checkTerraform(ok, "/w")).toBe(ok);
  });

  it("turns a failure into a StepError naming the command, the directory and the errors", () => {
    const e = (() => {
      try {
        checkTerraform(result({ errors: ["Invalid value for variable"] }), "/work/acme/red");
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(StepError);
    expect((e as StepError).message).toBe("`terraform apply -json plan.bin` in /work/acme/red exited with 1: Invalid value for variable");
    expect((e as StepError).remedy).toMatch(/retry the job/);
  });

  it("says when the command was cancelled or timed out, and uses a known failure's remedy", () => {
    expect(() => checkTerraform(result({ cancelled: true }), "/w")).toThrow(/was cancelled/);
    expect(() => checkTerraform(result({ timedOut: true }), "/w")).toThrow(/timed out/);
    const known = { code: "neg_in_use", title: "NEG in use", remedy: "delete it manually", resource: "prod-neg" } as unknown as TerraformCommandResult["knownFailure"];
    try {
      checkTerraform(result({ knownFailure: known }), "/w");
    } catch (err) {
      expect((err as StepError).remedy).toBe("delete it manually");
    }
    expect.assertions(3);
  });
});
