import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Debian's Chromium (what CI and the e2e tests run) draws text with fonts-dejavu-core, which
 * it depends on. A symbol outside those fonts renders as a missing-glyph box ("⏸" did, in
 * every job log waiting for a person). Every non-ASCII character the product prints — in log
 * lines or on pages — must be in DejaVu Sans Mono (the log viewer) or DejaVu Sans (pages).
 * fontconfig answers from the real font files.
 */
const ROOTS = ["lib", "components", "app", "workers"];
const FAMILIES = ["DejaVu Sans Mono", "DejaVu Sans"];
/** Text we hand to a customer's Sourcegraph (the runbook's banner), drawn by their browser, not ours. */
const SENT_TO_SOURCEGRAPH = new Set(["lib/sourcegraph/maintenance-notice.ts", "lib/upgrades/deployment.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Characters outside ASCII in code (comments, which nobody sees rendered, are skipped). */
function printedSymbols(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.replace(/(^|[^:"'`])\/\/.*$/, "$1"))
    .join("\n");
  return [...new Set(code.match(/[^\x00-\x7f]/gu) ?? [])];
}

function coveredBy(char: string): string[] {
  const hex = char.codePointAt(0)!.toString(16);
  const out = execFileSync("fc-list", [`:charset=${hex}`, "family"], { encoding: "utf8" });
  return FAMILIES.filter((f) => out.split("\n").some((line) => line.split(",").includes(f)));
}

describe("every symbol the product prints renders in Debian's Chromium", () => {
  it("finds the fonts it checks against (fonts-dejavu-core, fontconfig)", () => {
    expect(coveredBy("A"), "install fonts-dejavu-core and fontconfig (Debian's chromium depends on them)").toEqual(FAMILIES);
  });

  it("skips comments but not strings", () => {
    expect(printedSymbols('// ⏸ a comment\nlog("✓ done") /* ■ */')).toEqual(["✓"]);
  });

  it("has every non-ASCII character of lib/, components/, app/ and workers/ in DejaVu", () => {
    const missing: string[] = [];
    const seen = new Map<string, boolean>();
    for (const root of ROOTS) {
      for (const file of sourceFiles(root).filter((f) => !SENT_TO_SOURCEGRAPH.has(f))) {
        for (const char of printedSymbols(readFileSync(file, "utf8"))) {
          if (!seen.has(char)) seen.set(char, coveredBy(char).length > 0);
          if (!seen.get(char)) missing.push(`${file}: ${char} (U+${char.codePointAt(0)!.toString(16).toUpperCase()})`);
        }
      }
    }
    expect(missing, "use a symbol DejaVu has (fc-list ':charset=<hex>' family), or an SVG icon").toEqual([]);
  });
});
