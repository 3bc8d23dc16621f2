import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

/** dependency-cruiser with the project's rules, as `npm run lint` runs it. */
function cruise(cwd: string, dirs: string[]) {
  const r = spawnSync(process.execPath, [DEPCRUISE, ...dirs, "--config", CONFIG, "--output-type", "err"], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("import rules (.dependency-cruiser.cjs)", () => {
  it("hold for the project: no cycle under lib/, no emulators/ in production code", () => {
    const r = cruise(ROOT, ["lib", "app", "components", "workers"]);
    expect(r.output).not.toMatch(/error/);
    expect(r.code).toBe(0);
  }, 120_000);

  const tmp = mkdtempSync(path.join(os.tmpdir(), "import-rules-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("fail on a cycle under lib/ and on lib/ importing emulators/", () => {
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
      writeFileSync(path.join(tmp, file), text);
    };
    write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler" } }));
    write("lib/jobs/create-job.ts", 'import { runbook } from "../runbooks/registry";\nexport const createJob = () => runbook;\n');
    write("lib/runbooks/registry.ts", 'import { createJob } from "../jobs/create-job";\nexport const runbook = () => createJob;\n');
    write("lib/demo/world.ts", 'import { startGcpEmulator } from "../../emulators/gcp";\nexport const world = startGcpEmulator;\n');
    write("lib/demo/world.test.ts", 'import { startGcpEmulator } from "../../emulators/gcp";\nexport const allowed = startGcpEmulator;\n');
    write("emulators/gcp.ts", "export const startGcpEmulator = () => 1;\n");
    const r = cruise(tmp, ["lib"]);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/no-cycles-in-lib: lib\/jobs\/create-job\.ts/);
    expect(r.output).toMatch(/no-emulators-in-production: lib\/demo\/world\.ts → emulators\/gcp\.ts/);
    expect(r.output).not.toMatch(/world\.test\.ts/);
  }, 120_000);
});
