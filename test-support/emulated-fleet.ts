/**
 * Test and benchmark support (never imported by production code): both emulators on free
 * ports, the environment pointing the real adapters at them, and instances that exist in the
 * control plane and in the emulators alike.
 */
import path from "node:path";
import { startGcpEmulator, type GcpEmulator } from "../emulators/gcp/server";
import { seedProjects } from "../emulators/gcp/state";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../emulators/sourcegraph/server";
import { seedInstances } from "../emulators/sourcegraph/state";
import { db } from "../lib/db/client";
import { domainForSlug, projectIdForSlug } from "../lib/instances/slug";
import { versionOrder } from "../lib/instances/versions";

const FAKE_GCLOUD_DIR = path.resolve(import.meta.dirname, "../emulators/fake-gcloud");

export interface HealthEmulators {
  gcp: GcpEmulator;
  sourcegraph: SourcegraphEmulator;
  close(): Promise<void>;
}

/** Must run before the first check in this process: the health checks' GCP clients read the env once. */
export async function startHealthEmulators(databaseUrl: string): Promise<HealthEmulators> {
  const gcp = await startGcpEmulator({ databaseUrl, port: 0 });
  const sourcegraph = await startSourcegraphEmulator({ databaseUrl, port: 0 });
  const saved = { ...process.env };
  Object.assign(process.env, {
    GCP_API_ENDPOINT: gcp.url,
    GCP_ACCESS_TOKEN: "test-token",
    SOURCEGRAPH_BASE_URL_TEMPLATE: sourcegraph.baseUrlTemplate,
    PATH: `${FAKE_GCLOUD_DIR}${path.delimiter}${process.env.PATH}`,
  });
  return {
    gcp,
    sourcegraph,
    async close() {
      for (const k of ["GCP_API_ENDPOINT", "GCP_ACCESS_TOKEN", "SOURCEGRAPH_BASE_URL_TEMPLATE", "PATH"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await sourcegraph.close();
      await gcp.close();
    },
  };
}

export interface FleetSeedOptions {
  /** VMs built by the deployment module: they publish the health report (guest attributes). */
  healthReport?: boolean;
  /** The folder their projects live under (what Cloud Asset Inventory is searched by). */
  parent?: string;
}

/** Healthy instances, active in the control plane and running in both emulators. */
export async function seedEmulatedInstances(emulators: HealthEmulators, slugs: string[], version = "5.10.1", options: FleetSeedOptions = {}) {
  const zone = "us-central1-f";
  await seedProjects(emulators.gcp.pool, slugs.map((slug) => ({ project: projectIdForSlug(slug), zone, healthReport: options.healthReport, parent: options.parent })));
  await seedInstances(emulators.sourcegraph.pool, slugs.map((slug) => ({ slug, version })));
  await db.instance.createMany({
    data: slugs.map((slug) => ({
      slug,
      displayName: `Customer ${slug}`,
      gcpProjectId: projectIdForSlug(slug),
      region: "us-central1",
      zone,
      machineType: "n1-standard-8",
      dataDiskSizeGb: 500,
      version,
      versionOrder: versionOrder(version),
      status: "active" as const,
      accessMode: "public_sso" as const,
      allowlistCidrs: [],
      domain: domainForSlug(slug),
      externalUrl: `https://${domainForSlug(slug)}`,
      natIps: [],
      createdBy: "test@example.com",
    })),
  });
  return db.instance.findMany({ where: { slug: { in: slugs } }, orderBy: { slug: "asc" } });
}
