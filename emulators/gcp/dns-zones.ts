import { randomInt } from "node:crypto";
import type pg from "pg";
import { now } from "./resources";

/** A Cloud DNS managed zone the emulator serves. */
export interface ManagedZoneSeed {
  project: string;
  /** The zone's resource name, e.g. sourcegraph-com. */
  name: string;
  /** The domain it is authoritative for, with the trailing dot: sourcegraph.com. */
  dnsName: string;
}

/** Where `<slug>.sourcegraph.com` records live (infrastructure repo's dns/sourcegraph-managed.tf). */
export const DEFAULT_MANAGED_ZONES: ManagedZoneSeed[] = [
  { project: "sourcegraph-infrastructure", name: "sourcegraph-com", dnsName: "sourcegraph.com." },
];

/** "project/zone/dns.name.,..." (GCP_EMULATOR_DNS_ZONES) → zones; empty means the default. */
export function parseManagedZones(spec: string | undefined): ManagedZoneSeed[] {
  if (!spec?.trim()) return DEFAULT_MANAGED_ZONES;
  return spec.split(",").map((entry) => {
    const [project, name, dnsName, ...rest] = entry.trim().split("/");
    if (!project || !name || !dnsName || rest.length > 0) {
      throw new Error(`GCP_EMULATOR_DNS_ZONES entry must be project/zone/dns.name.: ${JSON.stringify(entry)}`);
    }
    return { project, name, dnsName: dnsName.endsWith(".") ? dnsName.toLowerCase() : `${dnsName.toLowerCase()}.` };
  });
}

/**
 * Creates the configured zones unless they exist. Called on every DNS request rather than at
 * start-up, so a zone reappears after resetEmulator() truncates the state, and a zone a test
 * changed is left alone.
 */
export async function ensureManagedZones(pool: pg.Pool, zones: ManagedZoneSeed[]): Promise<void> {
  if (zones.length === 0) return;
  await pool.query(
    `INSERT INTO gcp_emulator.resource (project, kind, location, name, data)
     SELECT project, 'managedZone', 'global', name, data FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS z(project, name, data)
     ON CONFLICT DO NOTHING`,
    [zones.map((z) => z.project), zones.map((z) => z.name), zones.map((z) => JSON.stringify(managedZoneDoc(z)))],
  );
}

function managedZoneDoc(zone: ManagedZoneSeed): Record<string, unknown> {
  return {
    kind: "dns#managedZone",
    name: zone.name,
    dnsName: zone.dnsName,
    description: "",
    id: String(randomInt(10 ** 12, 10 ** 13)),
    nameServers: ["ns-cloud-a1.googledomains.com.", "ns-cloud-a2.googledomains.com.", "ns-cloud-a3.googledomains.com.", "ns-cloud-a4.googledomains.com."],
    creationTime: now(),
    visibility: "public",
  };
}
