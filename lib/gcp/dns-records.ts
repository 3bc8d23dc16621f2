import { isIPv4 } from "node:net";
import { apiTarget, callApi, restCallOptions } from "./call-api";
import { GcpError } from "./errors";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

/**
 * Cloud DNS record sets (RUNBOOK: point `<slug>.sourcegraph.com` at the load balancer's IP).
 * There is no usable Node client here (checked Nov 2026): no `@googleapis/dns` is published
 * (IAM's `@googleapis/iam` has no DNS sibling); @google-cloud/dns 5 hard-codes
 * `https://${apiEndpoint}/dns/v1`, so it cannot reach the emulator, and edits through Changes;
 * the generated `dns_v1` client ships only inside `googleapis` (194 MB unpacked, 300 APIs).
 * So this is a thin REST client over google-auth-library's `request` against
 * `dns/v1/projects/{p}/managedZones/{zone}/rrsets`, the paths `dns_v1` itself calls.
 */
export interface ARecord {
  /** Fully qualified, with the trailing dot. */
  name: string;
  ttl: number;
  ips: string[];
}

interface RecordSet {
  name?: string;
  type?: string;
  ttl?: number;
  rrdatas?: string[];
}

export interface ZoneRef {
  /** The project holding the zone, e.g. sourcegraph-infrastructure. */
  dnsProject: string;
  managedZone: string;
}

const DEFAULT_TTL = 300;
const target = (clients: ProvisioningClients) => apiTarget(clients, "Cloud DNS API", "dns.googleapis.com");

/**
 * Points `name` at `ip` with an A record. Idempotent: creates the record, patches it when its
 * IP or TTL differ, and leaves it alone when it already matches (`action` says which). A
 * record created concurrently between the read and the create is patched instead.
 */
export async function upsertARecord(
  ref: ZoneRef & { name: string; ip: string; ttl?: number },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<{ record: ARecord; action: "created" | "updated" | "unchanged" }> {
  const name = fqdn(ref.name);
  const ttl = ref.ttl ?? DEFAULT_TTL;
  const resource = recordPath(ref, name);
  if (!isIPv4(ref.ip)) throw new GcpError("invalid", resource, `Not an IPv4 address: ${JSON.stringify(ref.ip)}`);
  if (!Number.isInteger(ttl) || ttl < 0) throw new GcpError("invalid", resource, `Invalid TTL: ${ttl}`);
  const wanted: RecordSet = { name, type: "A", ttl, rrdatas: [ref.ip] };

  const existing = await getARecord({ ...ref, name }, clients);
  if (existing && existing.ttl === ttl && existing.ips.length === 1 && existing.ips[0] === ref.ip) {
    return { record: existing, action: "unchanged" };
  }
  if (!existing) {
    try {
      const created = await dnsRequest<RecordSet>(clients, resource, { path: rrsetsPath(ref), method: "POST", data: wanted });
      return { record: toARecord(created), action: "created" };
    } catch (err) {
      if (!(err instanceof GcpError && err.kind === "already-exists")) throw err;
    }
  }
  const patched = await dnsRequest<RecordSet>(clients, resource, {
    path: `${rrsetsPath(ref)}/${encodeURIComponent(name)}/A`,
    method: "PATCH",
    data: wanted,
  });
  return { record: toARecord(patched), action: "updated" };
}

/** The A record for `name`, or undefined when there is none. A missing zone is a "not-found" GcpError. */
export async function getARecord(ref: ZoneRef & { name: string }, clients: ProvisioningClients = defaultProvisioningClients()): Promise<ARecord | undefined> {
  const name = fqdn(ref.name);
  // Listing by name and type answers an empty list for a missing record, and 404 only for a missing zone.
  const list = await dnsRequest<{ rrsets?: RecordSet[] }>(clients, recordPath(ref, name), {
    path: `${rrsetsPath(ref)}?${new URLSearchParams({ name, type: "A" })}`,
    method: "GET",
  });
  const found = (list.rrsets ?? []).find((r) => r.type === "A" && r.name === name);
  return found && toARecord(found);
}

async function dnsRequest<T>(clients: ProvisioningClients, resource: string, req: { path: string; method: string; data?: unknown }): Promise<T> {
  const res = await callApi(target(clients), resource, () =>
    clients.dns.auth.request({ url: `${clients.dns.baseUrl}/${req.path}`, method: req.method, data: req.data, ...restCallOptions(clients.callOptions) }),
  );
  return res.data as T;
}

const rrsetsPath = (ref: ZoneRef) => `projects/${encodeURIComponent(ref.dnsProject)}/managedZones/${encodeURIComponent(ref.managedZone)}/rrsets`;
const recordPath = (ref: ZoneRef, name: string) => `projects/${ref.dnsProject}/managedZones/${ref.managedZone}/rrsets/${name}/A`;

/** DNS names are case-insensitive and Cloud DNS wants them fully qualified. */
function fqdn(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower : `${lower}.`;
}

function toARecord(r: RecordSet): ARecord {
  return { name: r.name ?? "", ttl: Number(r.ttl ?? 0), ips: [...(r.rrdatas ?? [])] };
}

/** Removes the A record for `name` (deleting an instance). Safe to run again: `deleted: false` when there was none. */
export async function deleteARecord(ref: ZoneRef & { name: string }, clients: ProvisioningClients = defaultProvisioningClients()): Promise<{ deleted: boolean }> {
  const name = fqdn(ref.name);
  if (!(await getARecord({ ...ref, name }, clients))) return { deleted: false };
  try {
    await dnsRequest(clients, recordPath(ref, name), { path: `${rrsetsPath(ref)}/${encodeURIComponent(name)}/A`, method: "DELETE" });
    return { deleted: true };
  } catch (err) {
    if (err instanceof GcpError && err.kind === "not-found") return { deleted: false };
    throw err;
  }
}
