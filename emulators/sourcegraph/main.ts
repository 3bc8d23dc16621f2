/**
 * Runs the Sourcegraph emulator as a process:
 *
 *   DATABASE_URL=postgres://… SOURCEGRAPH_EMULATOR_PORT=4020 npx tsx emulators/sourcegraph/main.ts
 *
 * Then point the control plane at it with
 * SOURCEGRAPH_BASE_URL_TEMPLATE=http://127.0.0.1:4020/i/{slug}.
 */
import { startSourcegraphEmulator } from "./server";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("sourcegraph-emulator: DATABASE_URL is required");
  process.exit(1);
}
const port = Number(process.env.SOURCEGRAPH_EMULATOR_PORT ?? 4020);

const emulator = await startSourcegraphEmulator({ databaseUrl, port, log: (line) => console.error(line) });
console.log(`sourcegraph-emulator: listening on ${emulator.url} (instances at ${emulator.baseUrlTemplate}, state in schema sourcegraph_emulator)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`sourcegraph-emulator: error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}
