import pg from "pg";
import type { DemoInstance } from "../lib/demo/build-demo-fleet";
import { ensureSchema, seedProjects } from "./gcp/state";

/**
 * Makes the demo fleet exist in the local GCP emulator (its state lives in the same
 * database, schema gcp_emulator), with the same IPs the control plane has on record.
 * Instances still being provisioned have no GCP resources yet.
 */
export async function seedEmulatorsForFleet(databaseUrl: string, fleet: DemoInstance[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await ensureSchema(pool);
    await seedProjects(
      pool,
      fleet
        .filter((i) => i.globalIp && i.natIps.length === 2)
        .map((i) => ({
          project: i.gcpProjectId,
          region: i.region,
          zone: i.zone,
          vmStatus: i.health === "down" ? "TERMINATED" : "RUNNING",
          globalIp: i.globalIp!,
          natIps: i.natIps,
          certificateStatus: i.healthChecks.some((c) => c.name === "SSL certificate" && !c.ok) ? "PROVISIONING" : "ACTIVE",
          domains: [i.domain],
        })),
    );
  } finally {
    await pool.end();
  }
}
