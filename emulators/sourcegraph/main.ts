/**
 * Runs the Sourcegraph emulator as a process:
 *
 *   DATABASE_URL=postgres://… SOURCEGRAPH_EMULATOR_PORT=4020 npx tsx emulators/sourcegraph/main.ts
 *
 * Then point the control plane at it with
 * SOURCEGRAPH_BASE_URL_TEMPLATE=http://127.0.0.1:4020/i/{slug}.
 */
import { runEmulatorProcess } from "../run-emulator";
import { startSourcegraphEmulator } from "./server";

const port = Number(process.env.SOURCEGRAPH_EMULATOR_PORT ?? 4020);

await runEmulatorProcess(
  "sourcegraph-emulator",
  (databaseUrl) => startSourcegraphEmulator({ databaseUrl, port, log: (line) => console.error(line) }),
  (e) => `listening on ${e.url} (instances at ${e.baseUrlTemplate}, state in schema sourcegraph_emulator)`,
);
