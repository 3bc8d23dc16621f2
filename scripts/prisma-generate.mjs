// Generates the Prisma client offline. The CLI tries to download the schema engine unless
// PRISMA_SCHEMA_ENGINE_BINARY points at an existing file; `generate` never runs it.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const placeholder = path.resolve(".data/prisma-schema-engine-placeholder");
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !existsSync(placeholder)) {
  mkdirSync(path.dirname(placeholder), { recursive: true });
  writeFileSync(placeholder, "#!/bin/sh\necho 'schema engine unavailable offline' >&2; exit 1\n", { mode: 0o755 });
}
const r = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(r.status ?? 1);
