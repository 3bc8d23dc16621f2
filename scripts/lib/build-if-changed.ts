import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sourceHash } from "./source-hash";

/** `next build`, skipped when nothing it reads has changed since the last build. */
export function buildIfChanged(log: (m: string) => void): void {
  const stamp = path.join(".next", "source-hash");
  const hash = sourceHash();
  if (process.env.SKIP_BUILD === "1" || (existsSync(stamp) && readFileSync(stamp, "utf8") === hash)) return;
  log("building the web app (only after a source change)…");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
  writeFileSync(stamp, hash);
}
