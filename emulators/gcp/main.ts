/**
 * Runs the GCP emulator (Compute, plus Resource Manager, Billing, Service Usage, IAM, Cloud DNS
 * and Secret Manager on the same origin) as a process: `DATABASE_URL=... tsx emulators/gcp/main.ts`.
 * Point the app at it with GCP_API_ENDPOINT=http://127.0.0.1:4010.
 */
import { parseManagedZones } from "./dns-zones";
import { startGcpEmulator } from "./server";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("gcp-emulator: DATABASE_URL is required");
  process.exit(1);
}
const port = Number(process.env.GCP_EMULATOR_PORT ?? 4010);

// e.g. GCP_EMULATOR_DNS_ZONES=sourcegraph-infrastructure/sourcegraph-com/sourcegraph.com. (the default)
const dnsZones = parseManagedZones(process.env.GCP_EMULATOR_DNS_ZONES);

const emulator = await startGcpEmulator({ databaseUrl, port, dnsZones, log: (line) => console.error(line) });
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
