import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Every production source file under these folders (tests excluded; test support lives in test-support/). */
function productionFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith("lib/generated/"));
}

/**
 * The lint rule catches static imports; this also catches what it cannot see, such as a
 * dynamic import of a path built at run time (how demo glue once reached into emulators/).
 */
describe("production code and the emulators", () => {
  it("never names emulators/ in lib, app, components or workers", () => {
    const offenders = ["lib", "app", "components", "workers"].flatMap(productionFiles).filter((f) => /emulators\//.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
