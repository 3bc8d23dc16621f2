import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The project's ESLint configuration (eslint.config.mjs), as `npm run lint` runs it, on a sample file. */
async function lint(file: string, code: string) {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-properties").map((m) => m.message);
}

const READS_ENV = 'export const poll = Number(process.env.WAVE_POLL_MS ?? 15_000);\n';

describe("the lint rule: settings come from lib/config, not process.env", () => {
  it("fails on process.env under lib/, app/, components/ and workers/", async () => {
    for (const file of ["lib/runbooks/sample.ts", "app/sample/page.tsx", "components/sample.tsx", "workers/sample.ts"]) {
      expect(await lint(file, READS_ENV), file).toEqual([expect.stringContaining("lib/config")]);
    }
  }, 60_000);

  it("allows it in lib/config, in tests and in test fixtures", async () => {
    for (const file of ["lib/config/sample.ts", "lib/runbooks/sample.test.ts", "lib/testing/sample.ts"]) {
      expect(await lint(file, READS_ENV), file).toEqual([]);
    }
  }, 60_000);
});
