import { describe, expect, it } from "vitest";
import { crashedStage, formatSummary, playwrightResult, typecheckResult, vitestResult } from "./test-summary";

const okExit = { code: 0, signal: null };
const failExit = { code: 1, signal: null };

describe("typecheckResult", () => {
  it("counts the typecheck as one test", () => {
    expect(typecheckResult(okExit, 1).passed).toBe(1);
    const failed = typecheckResult(failExit, 1);
    expect([failed.passed, failed.failed]).toEqual([0, 1]);
  });
});

describe("vitestResult", () => {
  it("counts assertions and files that failed before running a test", () => {
    const report = {
      testResults: [
        { name: "/repo/a.test.ts", status: "passed", assertionResults: [{ fullName: "a ok", status: "passed" }, { fullName: "a skip", status: "skipped" }] },
        { name: "/repo/b.test.ts", status: "failed", assertionResults: [{ fullName: "b ok", status: "passed" }, { fullName: "b bad", status: "failed" }] },
        { name: "/repo/c.test.ts", status: "failed", message: "SyntaxError: nope\n at x", assertionResults: [] },
      ],
    };
    const r = vitestResult(report, failExit, 1, "/repo");
    expect([r.passed, r.failed, r.skipped]).toEqual([2, 2, 1]);
    expect(r.notes).toEqual(["FAIL b.test.ts > b bad", "FAIL c.test.ts (the file itself failed: SyntaxError: nope)"]);
  });

  it("is a failure when there is no report", () => {
    const r = vitestResult(undefined, { code: null, signal: "SIGKILL" }, 1);
    expect([r.passed, r.failed]).toEqual([0, 1]);
    expect(r.notes[0]).toContain("killed by SIGKILL");
  });

  it("is a failure when vitest exits non-zero with every test passing", () => {
    const r = vitestResult({ testResults: [{ name: "a", status: "passed", assertionResults: [{ status: "passed" }] }] }, failExit, 1);
    expect([r.passed, r.failed]).toEqual([1, 1]);
  });
});

describe("playwrightResult", () => {
  const spec = (title: string, status: string) => ({ title, file: "x.spec.ts", line: 3, tests: [{ status, results: [] }] });

  it("counts expected and flaky as passed, unexpected and top-level errors as failed", () => {
    const report = {
      suites: [{ title: "x.spec.ts", file: "x.spec.ts", specs: [spec("one", "expected")], suites: [{ title: "group", file: "x.spec.ts", specs: [spec("two", "flaky"), spec("three", "unexpected"), spec("four", "skipped")] }] }],
      errors: [{ message: "\u001b[31mError: webServer failed\u001b[39m\nmore" }],
    };
    const r = playwrightResult(report, failExit, 1);
    expect([r.passed, r.failed, r.skipped]).toEqual([2, 2, 1]);
    expect(r.notes).toEqual(["FLAKY x.spec.ts:3 > group > two (passed on retry)", "FAIL x.spec.ts:3 > group > three", "ERROR Error: webServer failed"]);
  });

  it("is a failure when there is no report, or when no test ran", () => {
    expect(playwrightResult(undefined, failExit, 1).failed).toBe(1);
    expect(playwrightResult({ suites: [] }, okExit, 1).failed).toBe(1);
  });
});

describe("formatSummary", () => {
  it("ends with the line CI parses", () => {
    const out = formatSummary([typecheckResult(okExit, 1500), crashedStage("e2e", "boom")], 2000);
    expect(out.split("\n").at(-1)).toBe("1 passed, 1 failed");
  });
});
