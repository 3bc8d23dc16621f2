/**
 * Runs the GCP emulator (Compute, plus Resource Manager, Billing, Service Usage, IAM, Cloud DNS
 * and Secret Manager on the same origin) as a process: `DATABASE_URL=... tsx emulators/gcp/main.ts`.
 * Point the app at it with GCP_API_ENDPOINT=http://127.0.0.1:4010.
 */
import { runEmulatorProcess } from "../run-emulator";
import { parseManagedZones } from "./dns-zones";
import { startGcpEmulator } from "./server";

const port = Number(process.env.GCP_EMULATOR_PORT ?? 4010);
// e.g. GCP_EMULATOR_DNS_ZONES=sourcegraph-infrastructure/sourcegraph-com/sourcegraph.com. (the default)
const dnsZones = parseManagedZones(process.env.GCP_EMULATOR_DNS_ZONES);

await runEmulatorProcess(
  "gcp-emulator",
  (databaseUrl) => startGcpEmulator({ databaseUrl, port, dnsZones, log: (line) => console.error(line) }),
  (e) => `listening on ${e.url} (state in schema gcp_emulator)`,
);
