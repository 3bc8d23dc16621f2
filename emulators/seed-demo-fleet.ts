import { createHash } from "node:crypto";
import pg from "pg";
import type { DemoInstance } from "../lib/demo/build-demo-fleet";
import type { DemoCredentials } from "../lib/demo/keep-demo-tokens";
import { ensureSchema } from "./gcp/state";
import { handBuiltProjectRows } from "./seed-hand-built";
import { upsertMany } from "./gcp/store";
import { ensureSchema as ensureSourcegraphSchema, seedInstances } from "./sourcegraph/state";

/**
 * Makes the demo fleet exist in the local emulators (their state lives in the same
 * database, schemas gcp_emulator and sourcegraph_emulator), with the IPs and versions the
 * control plane has on record and the faults its health says. Instances still being
 * provisioned have nothing in GCP yet. Returns each instance's Sourcegraph access token and
 * sourcegraph-admin password (demo only: deterministic from the slug) for the caller to keep
 * in the secret store. Each instance has one user of the customer's, `customer-admin`, to send
 * a password-reset link to.
 */
export async function seedEmulatorsForFleet(databaseUrl: string, fleet: DemoInstance[]): Promise<Map<string, DemoCredentials>> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const tokens = new Map<string, DemoCredentials>();
  try {
    await ensureSchema(pool);
    await ensureSourcegraphSchema(pool);
    const live = fleet.filter((i) => i.globalIp && i.natIps.length === 2);
    const failing = (i: DemoInstance, check: string) => i.healthChecks.some((c) => c.name === check && !c.ok);
    // The fleet the control plane knows was built by hand from the runbook (VM prod behind
    // prod-neg); its first red/black upgrade builds a colour through Terraform and adopts it.
    await upsertMany(
      pool,
      live.flatMap((i) =>
        handBuiltProjectRows({
          project: i.gcpProjectId,
          region: i.region,
          zone: i.zone,
          machineType: i.machineType,
          dataDiskSizeGb: i.dataDiskSizeGb,
          vmStatus: failing(i, "VM status") ? "TERMINATED" : "RUNNING",
          globalIp: i.globalIp!,
          natIps: i.natIps,
          certificateStatus: failing(i, "SSL certificate") ? "PROVISIONING" : "ACTIVE",
          domains: [i.domain],
        }),
      ),
    );
    const derive = (slug: string, what: string) => createHash("sha256").update(`${what}:${slug}`).digest("hex").slice(0, 32);
    for (const i of live) tokens.set(i.slug, { token: `sgp_demo_${createHash("sha256").update(i.slug).digest("hex").slice(0, 32)}`, adminPassword: `demo-${derive(i.slug, "admin-password")}` });
    await seedInstances(
      pool,
      live.map((i) => ({
        slug: i.slug,
        version: i.version,
        project: i.gcpProjectId,
        accessTokens: [tokens.get(i.slug)!.token],
        admin: { email: `managed+${i.slug}@sourcegraph.com`, username: "sourcegraph-admin", password: tokens.get(i.slug)!.adminPassword },
        users: [{ username: "customer-admin", email: `it@${i.slug}.example.com` }],
        externalUrl: i.externalUrl,
        faults: {
          frontendDown: failing(i, "Frontend /healthz") || failing(i, "VM status"),
          reportedVersion: failing(i, "Version") ? "5.5.0" : undefined,
          unhealthyContainers: failing(i, "Containers") ? ["gitserver-0"] : undefined,
        },
      })),
    );
    return tokens;
  } finally {
    await pool.end();
  }
}
