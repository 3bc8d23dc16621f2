import { domainForSlug, projectIdForSlug } from "../instances/slug";
import { SEED_VERSIONS, versionOrder } from "../instances/versions";
import { CUSTOMER_NAMES, REGIONAL_SUFFIXES } from "./customer-names";
import { createRandom } from "./random";

type Status = "provisioning" | "active" | "upgrading" | "maintenance" | "failed" | "deleting" | "deleted";
type Health = "healthy" | "degraded" | "down" | "unknown";

export interface DemoInstance {
  slug: string;
  displayName: string;
  gcpProjectId: string;
  region: string;
  zone: string;
  machineType: string;
  dataDiskSizeGb: number;
  version: string;
  versionOrder: number;
  status: Status;
  accessMode: "public_sso" | "ip_allowlist";
  allowlistCidrs: string[];
  domain: string;
  externalUrl: string;
  globalIp: string | null;
  natIps: string[];
  health: Health;
  healthCheckedAt: Date | null;
  healthSince: Date | null;
  healthChecks: { name: string; ok: boolean; message: string; latencyMs: number; checkedAt: string }[];
  createdBy: string;
  createdAt: Date;
}

const ZONES = [
  ["us-central1-f", 10],
  ["us-central1-a", 3],
  ["us-east1-b", 3],
  ["us-west1-a", 2],
  ["europe-west1-b", 3],
  ["europe-west4-a", 2],
  ["asia-northeast1-a", 1],
  ["australia-southeast1-b", 1],
] as const;
const MACHINES = [["n1-standard-8", 6], ["n1-standard-16", 4], ["n1-standard-32", 2], ["n1-standard-64", 1], ["n1-standard-96", 0.3]] as const;
const STATUSES = [["active", 85], ["upgrading", 4], ["maintenance", 2], ["provisioning", 3], ["failed", 2], ["deleting", 1], ["deleted", 1]] as const;
const CHECKS = ["VM status", "Frontend /healthz", "Version", "SSL certificate", "Containers"] as const;

/** Unique, stable public-looking IPs for index i (GCP's 34.x / 35.x ranges). */
export function demoIps(i: number) {
  const ip = (first: number, n: number) => `${first}.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
  return { globalIp: ip(34, i + 1), natIps: [ip(35, 2 * i + 1), ip(35, 2 * i + 2)] };
}

/** A realistic fleet: varied versions, statuses, health, zones, access modes. Deterministic. */
export function buildDemoFleet(count: number, now = new Date(), seed = 42): DemoInstance[] {
  const rnd = createRandom(seed);
  const versions = SEED_VERSIONS.map((v, idx) => [v, 1 + idx * idx] as const);
  const fleet: DemoInstance[] = [];
  const seen = new Set<string>();
  for (let i = 0; fleet.length < count; i++) {
    const base = CUSTOMER_NAMES[i % CUSTOMER_NAMES.length];
    const round = Math.floor(i / CUSTOMER_NAMES.length);
    const suffix = round < REGIONAL_SUFFIXES.length ? REGIONAL_SUFFIXES[round] : ` ${round}`;
    const displayName = `${base}${suffix}`;
    const slug = toSlug(displayName);
    if (seen.has(slug)) continue;
    seen.add(slug);
    const n = fleet.length;
    const zone = rnd.weighted(ZONES);
    const status = rnd.weighted(STATUSES) as Status;
    const provisioned = status !== "provisioning";
    const health: Health = !provisioned || status === "deleted" ? "unknown" : status === "failed" ? "down" : (rnd.weighted([["healthy", 88], ["degraded", 6], ["down", 3], ["unknown", 3]]) as Health);
    const allowlist = rnd.next() < 0.25;
    const ips = demoIps(n);
    const createdAt = new Date(now.getTime() - rnd.int(1, 900) * 86_400_000);
    const checkedAt = new Date(now.getTime() - rnd.int(5, 290) * 1000);
    fleet.push({
      slug,
      displayName,
      gcpProjectId: projectIdForSlug(slug),
      region: zone.replace(/-[a-z]$/, ""),
      zone,
      machineType: rnd.weighted(MACHINES),
      dataDiskSizeGb: rnd.pick([200, 500, 1000, 2000, 4000]),
      version: rnd.weighted(versions),
      versionOrder: 0,
      status,
      accessMode: allowlist ? "ip_allowlist" : "public_sso",
      allowlistCidrs: allowlist ? [`203.0.${n % 256}.0/24`, `198.51.100.${(n * 8) % 256}/29`] : [],
      domain: domainForSlug(slug),
      externalUrl: `https://${domainForSlug(slug)}`,
      globalIp: provisioned ? ips.globalIp : null,
      natIps: provisioned ? ips.natIps : [],
      health,
      healthCheckedAt: health === "unknown" ? null : checkedAt,
      healthSince: health === "unknown" ? null : new Date(checkedAt.getTime() - rnd.int(1, 72 * 60) * 60_000),
      healthChecks: health === "unknown" ? [] : buildChecks(health, checkedAt, rnd),
      createdBy: rnd.pick(["alice@example.com", "oscar@example.com", "ines@example.com"]),
      createdAt,
    });
    fleet[n].versionOrder = versionOrder(fleet[n].version);
  }
  return fleet;
}

function buildChecks(health: Health, checkedAt: Date, rnd: ReturnType<typeof createRandom>) {
  const failing = health === "healthy" ? -1 : health === "down" ? 1 : rnd.pick([3, 4]);
  return CHECKS.map((name, idx) => ({
    name,
    ok: idx !== failing,
    message: idx !== failing ? "ok" : FAILURES[name],
    latencyMs: rnd.int(20, 400),
    checkedAt: checkedAt.toISOString(),
  }));
}

const FAILURES: Record<(typeof CHECKS)[number], string> = {
  "VM status": "VM is TERMINATED",
  "Frontend /healthz": "HTTP 502 from https frontend",
  Version: "reports a different version than on record",
  "SSL certificate": "managed certificate is PROVISIONING",
  Containers: "gitserver-0 is unhealthy",
};

export function toSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^(\d)/, "c$1")
    .slice(0, 40)
    .replace(/-+$/, "");
}
