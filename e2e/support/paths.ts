import path from "node:path";

/** Where the e2e server keeps its data; deleted before each run (see reset-e2e-data.ts). */
export const E2E_ROOT = path.resolve(import.meta.dirname, "..", "..");
export const E2E_DATA_DIR = path.join(E2E_ROOT, ".data", "e2e");
// Overridable so two e2e runs (say, a CI dry run beside a developer's) can share a machine.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 5498);
export const E2E_GCP_EMULATOR_PORT = Number(process.env.E2E_GCP_EMULATOR_PORT ?? 4110);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
