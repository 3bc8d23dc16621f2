import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import {
  addressDoc,
  instanceDoc,
  regionLocation,
  regionOfZone,
  sslCertificateDoc,
  zoneLocation,
  type ResourceKind,
} from "./resources";
import { NAMES } from "./names";
import { derivedProjectNumber } from "./platform-projects";
import { resetCloudStorage } from "./gcs-buckets";
import { upsertMany, type ResourceRow } from "./store";
import { HEALTH_REPORT_METADATA_KEY } from "./guest-attributes";

/**
 * Seeding and fault injection without HTTP: demo mode, the benchmark and tests write the
 * emulator's state directly, then read it back through the real GCP clients.
 */
export { ensureSchema } from "./schema";
export { NAMES } from "./names";
export { deleteResource, getResource } from "./store";
export { setCertificateStatus } from "./certificate-status";
export { provisionCertificateAfterReads } from "./certificate-script";
export { clearFaults, failNextCalls, type FaultError, type FaultPreset, type FaultSpec } from "./faults";
export { loadBalancerRows, seedLoadBalancer, type LoadBalancerSeed } from "./seed-load-balancer";
export { DEFAULT_MANAGED_ZONES, ensureManagedZones, parseManagedZones, type ManagedZoneSeed } from "./dns-zones";
export { SEEDED_BILLING_ACCOUNT } from "./billing-api";
export { MAX_KEYS_PER_ACCOUNT } from "./iam-admin-api";
export { derivedProjectNumber } from "./platform-projects";
export { ensureBucket, resetCloudStorage } from "./gcs-buckets";
export { accessTokensOf, findAccessToken, type AccessTokenRecord } from "./access-tokens";

export interface ProjectSeed {
  project: string;
  /** Defaults to the zone's region, or us-central1. */
  region?: string;
  /** Defaults to `<region>-f`. */
  zone?: string;
  vmName?: string;
  vmStatus?: string;
  /** Bare machine type; default the emulator's n2-standard-8. */
  machineType?: string;
  /** Defaults to an address derived from the project name, stable across re-seeding. */
  globalIp?: string;
  natIps?: string[];
  certificateStatus?: string;
  /** Defaults to `<slug>.sourcegraph.com` for project `sourcegraph-managed-<slug>`. */
  domains?: string[];
  /** The folder or organization the project lives under (`folders/…`): what Cloud Asset Inventory searches. */
  parent?: string;
  /**
   * The VM was built by the deployment module, so it carries its metadata: guest attributes
   * enabled and the health report cron job (guest-attributes.ts). Default false: a VM built
   * by hand, as the runbook did, publishes nothing.
   */
  healthReport?: boolean;
}

let reportScript: string | undefined;
/** The real module's script, as `file()` puts it in the VM's metadata. */
function healthReportScript(): string {
  reportScript ??= readFileSync(path.resolve(import.meta.dirname, "../../terraform/modules/deployment/health-report.sh"), "utf8");
  return reportScript;
}

/** Creates (or resets) one project: VM, global address, two NAT addresses, managed cert. */
export async function seedProject(pool: pg.Pool, seed: ProjectSeed): Promise<void> {
  await seedProjects(pool, [seed]);
}

/** The bulk path: every row of every project in one INSERT per 10,000 rows. */
export async function seedProjects(pool: pg.Pool, seeds: ProjectSeed[]): Promise<void> {
  await upsertMany(pool, seeds.flatMap(projectRows));
}

export function projectRows(seed: ProjectSeed): ResourceRow[] {
  const { project } = seed;
  const region = seed.region ?? (seed.zone ? regionOfZone(seed.zone) : "us-central1");
  const zone = seed.zone ?? `${region}-f`;
  const vmName = seed.vmName ?? NAMES.vm;
  const natIps = seed.natIps ?? [derivedIp(project, 35, "nat-0"), derivedIp(project, 35, "nat-1")];
  const slug = project.replace(/^sourcegraph-managed-/, "");
  const row = (kind: ResourceKind, location: ResourceRow["location"], name: string, data: Record<string, unknown>) =>
    ({ project, kind, location, name, data }) satisfies ResourceRow;
  return [
    // A seeded project is a running deployment: not `servicesGated`, so its APIs count as enabled.
    row("project", "global", project, {
      name: project,
      kind: "compute#project",
      projectNumber: derivedProjectNumber(project),
      ...(seed.parent
        ? { resourceManager: { name: `projects/${derivedProjectNumber(project)}`, parent: seed.parent, projectId: project, state: "ACTIVE", displayName: project.slice(0, 30), labels: {} } }
        : {}),
    }),
    row(
      "instance",
      zoneLocation(zone),
      vmName,
      instanceDoc({
        project,
        zone,
        name: vmName,
        status: seed.vmStatus ?? "RUNNING",
        ...(seed.machineType ? { machineType: seed.machineType } : {}),
        labels: { deployment: slug },
        ...(seed.healthReport
          ? {
              metadataItems: [
                { key: "enable-guest-attributes", value: "TRUE" },
                { key: HEALTH_REPORT_METADATA_KEY, value: healthReportScript() },
              ],
            }
          : {}),
      }),
    ),
    row(
      "address",
      "global",
      NAMES.globalAddress,
      addressDoc({
        project,
        location: "global",
        name: NAMES.globalAddress,
        address: seed.globalIp ?? derivedIp(project, 34, "global"),
        status: "IN_USE",
      }),
    ),
    ...natIps.map((ip, i) =>
      row(
        "address",
        regionLocation(region),
        NAMES.natAddress(i),
        addressDoc({ project, location: regionLocation(region), name: NAMES.natAddress(i), address: ip, status: "IN_USE" }),
      ),
    ),
    row(
      "sslCertificate",
      "global",
      NAMES.certificate,
      sslCertificateDoc({
        project,
        name: NAMES.certificate,
        domains: seed.domains ?? [`${slug}.sourcegraph.com`],
        status: seed.certificateStatus ?? "ACTIVE",
      }),
    ),
  ];
}

/**
 * Sets an instance's status (e.g. TERMINATED to make a deployment unhealthy). The zone is
 * optional because callers usually know only the project. Returns how many VMs changed.
 */
export async function setVmStatus(
  pool: pg.Pool,
  target: { project: string; zone?: string; vmName?: string; status: string },
): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE gcp_emulator.resource SET data = data || jsonb_build_object('status', $4::text)
     WHERE project = $1 AND kind = 'instance' AND name = $2 AND ($3::text IS NULL OR location = $3)`,
    [target.project, target.vmName ?? NAMES.vm, target.zone ? zoneLocation(target.zone) : null, target.status],
  );
  return rowCount ?? 0;
}

/** Removes a project and everything in it; later calls get GCP's 404 for the project. */
export async function deleteProject(pool: pg.Pool, project: string): Promise<number> {
  // A deleted project takes its buckets (and their objects) with it.
  await pool.query(`DELETE FROM gcp_emulator.storage_object WHERE bucket IN (SELECT name FROM gcp_emulator.storage_bucket WHERE project = $1)`, [project]);
  await pool.query(`DELETE FROM gcp_emulator.storage_bucket WHERE project = $1`, [project]);
  const { rowCount } = await pool.query(`DELETE FROM gcp_emulator.resource WHERE project = $1`, [project]);
  return rowCount ?? 0;
}

/** Creates an empty project, for tests that insert resources through the API. */
export async function createProject(pool: pg.Pool, project: string): Promise<void> {
  await upsertMany(pool, [{ project, kind: "project", location: "global", name: project, data: { name: project, projectNumber: derivedProjectNumber(project) } }]);
}

export async function resetEmulator(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE gcp_emulator.resource`);
  await resetCloudStorage(pool);
}

/** A public-looking IPv4 derived from the project name, so re-seeding yields the same IPs. */
export function derivedIp(project: string, firstOctet: number, salt: string): string {
  const h = createHash("sha256").update(`${project}/${salt}`).digest();
  return `${firstOctet}.${h[0]}.${h[1]}.${1 + (h[2] % 254)}`;
}
