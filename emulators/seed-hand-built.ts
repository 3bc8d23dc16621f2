import { createHash } from "node:crypto";
import type pg from "pg";
import { DEMO_PROJECT_PARENT } from "../lib/config/demo-defaults";
import { NAMES } from "./gcp/names";
import { backendServiceDoc, groupDoc } from "./gcp/load-balancer-resources";
import { instanceDoc, selfLink, zoneLocation } from "./gcp/resources";
import { projectRows } from "./gcp/state";
import { upsertMany, type ResourceRow } from "./gcp/store";
import { diskDoc } from "./gcp/storage-resources";
import { seedInstances } from "./sourcegraph/state";

/** The folder demo mode's fleet lives under (GCP_PROJECT_PARENT in demo mode: lib/config/demo-defaults.ts). */
export { DEMO_PROJECT_PARENT };

/** Built by hand from the runbook, before the control plane existed: what the import story finds. */
export const HAND_BUILT_DEMO = [
  { slug: "brightwell", zone: "us-east1-c", machineType: "n1-standard-16", dataDiskSizeGb: 1000, version: "5.9.1" },
  { slug: "copperline", zone: "europe-west1-b", machineType: "n1-standard-8", dataDiskSizeGb: 500, version: "5.10.0" },
  { slug: "halvard", zone: "us-central1-a", machineType: "n1-standard-32", dataDiskSizeGb: 2000, version: "5.10.1" },
] as const;

export type HandBuiltSeed = { slug: string; zone: string; machineType: string; dataDiskSizeGb: number; version: string };

/**
 * The runbook's hand-built deployment in the GCP emulator, under `parent`: one VM `prod` with
 * its boot and data disk, the NEG `prod-neg` behind `prod-backend-service`, the global and NAT
 * addresses and the certificate; and its Sourcegraph (the legacy `prod` deployment) at `version`.
 */
export function handBuiltRows(seed: HandBuiltSeed, parent: string): ResourceRow[] {
  const project = `sourcegraph-managed-${seed.slug}`;
  const location = zoneLocation(seed.zone);
  const rows = projectRows({ project, zone: seed.zone, parent }).filter((r) => r.kind !== "instance");
  const vm = instanceDoc({ project, zone: seed.zone, name: NAMES.vm, machineType: seed.machineType, labels: { deployment: seed.slug } });
  vm.disks = [
    { kind: "compute#attachedDisk", boot: true, deviceName: NAMES.vm, source: selfLink(project, "disk", location, NAMES.vm) },
    { kind: "compute#attachedDisk", boot: false, deviceName: "data", source: selfLink(project, "disk", location, "prod-data") },
  ];
  const neg = "prod-neg";
  return [
    ...rows,
    { project, kind: "instance", location, name: NAMES.vm, data: vm },
    { project, kind: "disk", location, name: NAMES.vm, data: diskDoc({ project, zone: seed.zone, name: NAMES.vm, sizeGb: 50 }) },
    { project, kind: "disk", location, name: "prod-data", data: diskDoc({ project, zone: seed.zone, name: "prod-data", sizeGb: seed.dataDiskSizeGb }) },
    { project, kind: "networkEndpointGroup", location, name: neg, data: groupDoc({ project, zone: seed.zone, name: neg, kind: "networkEndpointGroup" }) },
    {
      project,
      kind: "backendService",
      location: "global",
      name: NAMES.backendService,
      data: backendServiceDoc({ project, name: NAMES.backendService, backends: [{ group: selfLink(project, "networkEndpointGroup", location, neg), balancingMode: "RATE", maxRatePerEndpoint: 1000, capacityScaler: 1 }] }),
    },
  ];
}

/** Seeds hand-built deployments the control plane does not know yet (demo mode: HAND_BUILT_DEMO). */
export async function seedHandBuilt(pool: pg.Pool, parent: string, seeds: readonly HandBuiltSeed[] = HAND_BUILT_DEMO): Promise<void> {
  await upsertMany(pool, seeds.flatMap((s) => handBuiltRows(s, parent)));
  await seedInstances(
    pool,
    seeds.map((s) => ({
      slug: s.slug,
      version: s.version,
      project: `sourcegraph-managed-${s.slug}`,
      accessTokens: [`sgp_demo_${createHash("sha256").update(s.slug).digest("hex").slice(0, 32)}`],
    })),
  );
}

/** Demo mode: the three hand-built instances, in their own pool on the demo database. */
export async function seedDemoHandBuilt(databaseUrl: string): Promise<void> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await seedHandBuilt(pool, DEMO_PROJECT_PARENT);
  } finally {
    await pool.end();
  }
}
