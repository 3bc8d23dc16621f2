import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next", ".data", "generated"]);

/** A hash of what `next build` reads, so `npm start` rebuilds only after a change. */
export function sourceHash(root = process.cwd()): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (!SKIP.has(e) && !e.endsWith(".test.ts")) walk(path.join(p, e));
    } else {
      h.update(path.relative(root, p));
      h.update(readFileSync(p));
    }
  };
  for (const i of INPUTS) walk(path.join(root, i));
  return h.digest("hex");
}
