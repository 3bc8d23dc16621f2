/**
 * DEMO-ONLY glue between the provision runbook and the emulators. In production the real
 * world does these things: a person links billing, and `terraform apply` of the real module
 * creates the VM, addresses and certificate, after which the VM boots a fresh Sourcegraph.
 * With the offline fixture module nothing real is created, so in demo mode (DEMO_MODE=1)
 * lib/provisioning/demo-world.ts loads this file to make the emulators reflect it. Production
 * code never imports it.
 */
import pg from "pg";
import { linkBilling } from "../lib/gcp";
import type { AppliedInfrastructure } from "../lib/provisioning/demo-world";
import { loadBalancerRows, NAMES, projectRows, provisionCertificateAfterReads, SEEDED_BILLING_ACCOUNT } from "./gcp/state";
import { getResource, upsertMany } from "./gcp/store";
import { seedInstance } from "./sourcegraph/state";

let shared: pg.Pool | undefined;
const pool = () => (shared ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));

/** The person who ticked "link billing" did it in the (emulated) console. */
export async function linkBillingAsPerson(projectId: string): Promise<void> {
  await linkBilling({ projectId, billingAccount: SEEDED_BILLING_ACCOUNT });
}

/**
 * What the real module's apply leaves behind: VM `prod` running, the global and NAT
 * addresses Terraform reported, a managed certificate still provisioning, and a fresh
 * Sourcegraph waiting for its first admin. Idempotent, but it never resets an instance that
 * already has its admin (a re-run after a later step failed must not undo that step).
 */
export async function applyInfrastructure(a: AppliedInfrastructure): Promise<void> {
  const p = pool();
  const rows = projectRows({ project: a.projectId, zone: a.zone, globalIp: a.globalIp, natIps: a.natIps, certificateStatus: "PROVISIONING" });
  // The project row already exists (created, billed and enabled through the API): keep it.
  await upsertMany(p, rows.filter((r) => r.kind !== "project"));
  // The module's red/black back end, red live; never reset once there (an upgrade may have moved it).
  if (!(await getResource(p, { project: a.projectId, kind: "backendService", location: "global", name: NAMES.backendService }))) {
    await upsertMany(p, loadBalancerRows({ project: a.projectId, zone: a.zone, live: "red", dataDiskSizeGb: a.dataDiskSizeGb }));
  }
  await provisionCertificateAfterReads(p, { project: a.projectId, reads: a.certificateReads });
  const { rows: existing } = await p.query<{ needs_site_init: boolean }>(`SELECT needs_site_init FROM sourcegraph_emulator.instance WHERE slug = $1`, [a.slug]);
  if (existing.length === 0 || existing[0].needs_site_init) {
    await seedInstance(p, { slug: a.slug, version: a.version, project: a.projectId, needsSiteInit: true });
  }
}
