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

// Reads a managed certificate stays PROVISIONING once DNS points at the load balancer (default 3).
const certificateReadsAfterDns = readCount("GCP_EMULATOR_CERTIFICATE_READS");

await runEmulatorProcess(
  "gcp-emulator",
  (databaseUrl) => startGcpEmulator({ databaseUrl, port, dnsZones, certificateReadsAfterDns, log: (line) => console.error(line) }),
  (e) => `listening on ${e.url} (state in schema gcp_emulator)`,
);

function readCount(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of reads, got ${JSON.stringify(raw)}`);
  return n;
}
