import { describe, expect, it } from "vitest";
import { JOB_KIND_NAMES } from "./kinds";
import { JOB_KINDS, RUNBOOK_METADATA } from "./metadata";
import { RUNBOOKS } from "./registry";
import { implementRunbook } from "./implement-runbook";
import { refreshMetadata } from "./metadata/refresh";
import { selftestMetadata } from "./metadata/selftest";

/** Parameters that reach every step list a runbook can have (upgrade: both strategies). */
const SAMPLE_PARAMS: Record<string, unknown[]> = {
  refresh: [{}],
  selftest: [{}],
  provision: [{}],
  upgrade: [{ version: "5.10.0" }, { version: "5.10.1", strategy: "in-place" }],
  wave: [{ waveId: "00000000-0000-4000-8000-000000000000" }],
  "force-unlock": [{ root: "red", lockId: "1700000000000000" }],
  import: [{}],
  suspend: [{}],
  resume: [{}],
  resize: [{ machineType: "n1-standard-16", dataDiskSizeGb: 800 }],
  "change-access": [{ accessMode: "ip_allowlist", allowlistCidrs: ["203.0.113.0/24"] }, { accessMode: "public_sso" }],
  snapshot: [{}],
  restore: [{ snapshot: "weekly-2026-11-20" }],
  "drift-check": [{}],
  reconcile: [{}],
  delete: [{ confirm: "acme" }],
};

it("the UI's list of job kinds matches the metadata and the workers' runbooks", () => {
  expect([...JOB_KIND_NAMES].sort()).toEqual([...JOB_KINDS].sort());
  expect([...RUNBOOKS.keys()].sort()).toEqual([...JOB_KINDS].sort());
});

describe.each(RUNBOOK_METADATA.map((m) => [m.kind, m] as const))("%s", (kind, metadata) => {
  const runbook = RUNBOOKS.get(kind)!;

  it.each((SAMPLE_PARAMS[kind] ?? []).map((p) => [JSON.stringify(p), p]))("implements every step of the outline with %s", (_label, raw) => {
    const params = metadata.params.parse(raw);
    const outline = metadata.steps(params);
    const steps = runbook.steps(params);
    expect(steps.map(({ key, name, kind, instructions, destructive }) => ({ key, name, kind, instructions, destructive }))).toEqual(
      outline.map((o) => ({ instructions: undefined, destructive: undefined, ...o })),
    );
    for (const s of steps) expect(s.kind === "automated" ? typeof s.run : "no code").toBe(s.kind === "automated" ? "function" : s.run ? "code" : "no code");
  });

  it("restores exactly when its metadata says so", () => {
    expect(runbook.restore?.after).toBe(metadata.restoreAfter);
  });

  it("has sample parameters in this test", () => {
    expect(SAMPLE_PARAMS[kind]?.length).toBeGreaterThan(0);
  });
});

describe("implementRunbook refuses code that does not match the outline", () => {
  const noop = async () => {};
  it("an automated step without run()", () => {
    const r = implementRunbook(refreshMetadata, { steps: () => [{ key: "read-vm", run: noop }, { key: "read-addresses", run: noop }] });
    expect(() => r.steps({})).toThrow(/automated step "update-record" has no run/);
  });
  it("code for a step the outline does not list", () => {
    const r = implementRunbook(refreshMetadata, { steps: () => ["read-vm", "read-addresses", "update-record", "read-update-check", "extra"].map((key) => ({ key, run: noop })) });
    expect(() => r.steps({})).toThrow(/does not list: extra/);
  });
  it("run() on an approval step", () => {
    const r = implementRunbook(selftestMetadata, { restore: noop, steps: () => ["print", "sleep", "approve", "finish"].map((key) => ({ key, run: noop })) });
    expect(() => r.steps(selftestMetadata.params.parse({}))).toThrow(/approval step "approve" cannot run code/);
  });
  it("a restore the metadata does not name", () => {
    expect(() => implementRunbook(refreshMetadata, { restore: noop, steps: () => [] })).toThrow(/restoreAfter/);
  });
});
