/**
 * Runs the GCP Compute emulator as a process: `DATABASE_URL=... tsx emulators/gcp/main.ts`.
 * Point the app at it with GCP_API_ENDPOINT=http://127.0.0.1:4010.
 */
import { startGcpEmulator } from "./server";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("gcp-emulator: DATABASE_URL is required");
  process.exit(1);
}
const port = Number(process.env.GCP_EMULATOR_PORT ?? 4010);

const emulator = await startGcpEmulator({ databaseUrl, port, log: (line) => console.error(line) });
console.log(`gcp-emulator: listening on ${emulator.url} (state in schema gcp_emulator)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`gcp-emulator: error while stopping: ${String(err)}`);
        process.exit(1);
      },
    );
  });
}
