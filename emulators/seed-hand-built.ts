import { createHash } from "node:crypto";
import type pg from "pg";
import { DEMO_PROJECT_PARENT } from "../lib/config/demo-defaults";
import { NAMES } from "./gcp/names";
import { backendServiceDoc, groupDoc } from "./gcp/load-balancer-resources";
import { selfLink, zoneLocation } from "./gcp/resources";
import { projectRows, type ProjectSeed } from "./gcp/state";
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
 * The runbook's hand-built deployment in the GCP emulator: one VM `prod` with its boot and data
 * disk (`prod-data`), the NEG `prod-neg` behind `prod-backend-service`, the global and NAT
 * addresses and the certificate (projectRows' other resources, with the seed's faults).
 */
export function handBuiltProjectRows(seed: ProjectSeed & { zone: string; dataDiskSizeGb: number }): ResourceRow[] {
  const { project, zone } = seed;
  const location = zoneLocation(zone);
  const rows = projectRows(seed);
  const vm = rows.find((r) => r.kind === "instance" && r.name === NAMES.vm);
  if (!vm) throw new Error(`projectRows gave no VM ${NAMES.vm} for ${project}`);
  vm.data.disks = [
    { kind: "compute#attachedDisk", boot: true, deviceName: NAMES.vm, source: selfLink(project, "disk", location, NAMES.vm) },
    { kind: "compute#attachedDisk", boot: false, deviceName: "data", source: selfLink(project, "disk", location, HAND_BUILT_DATA_DISK) },
  ];
  return [
    ...rows,
    { project, kind: "disk", location, name: NAMES.vm, data: diskDoc({ project, zone, name: NAMES.vm, sizeGb: 50 }) },
    { project, kind: "disk", location, name: HAND_BUILT_DATA_DISK, data: diskDoc({ project, zone, name: HAND_BUILT_DATA_DISK, sizeGb: seed.dataDiskSizeGb }) },
    { project, kind: "networkEndpointGroup", location, name: HAND_BUILT_NEG, data: groupDoc({ project, zone, name: HAND_BUILT_NEG, kind: "networkEndpointGroup" }) },
    {
      project,
      kind: "backendService",
      location: "global",
      name: NAMES.backendService,
      data: backendServiceDoc({
        project,
        name: NAMES.backendService,
        backends: [{ group: selfLink(project, "networkEndpointGroup", location, HAND_BUILT_NEG), balancingMode: "RATE", maxRatePerEndpoint: 1000, capacityScaler: 1 }],
      }),
    },
  ];
}

const HAND_BUILT_DATA_DISK = "prod-data";
const HAND_BUILT_NEG = "prod-neg";

/** A hand-built instance the control plane does not know yet, under `parent` (the import story). */
export function handBuiltRows(seed: HandBuiltSeed, parent: string): ResourceRow[] {
  return handBuiltProjectRows({ project: `sourcegraph-managed-${seed.slug}`, zone: seed.zone, parent, machineType: seed.machineType, dataDiskSizeGb: seed.dataDiskSizeGb });
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
