import type pg from "pg";
import { loadBalancerRows } from "../../gcp/state";
import { upsertMany } from "../../gcp/store";
import { DEFAULT_RULE_PRIORITY } from "../cloud-armor";

const LINK_BASE = "https://www.googleapis.com/compute/v1";

/**
 * Test support: makes an instance "IP allowlisted" in the GCP emulator's rows, as the
 * deployment's Terraform does in GCP: a Cloud Armor security policy (allow the CIDRs at
 * priority 1000, the default rule denies everyone else with 403) attached to the backend
 * service `prod-backend-service` through its `securityPolicy` link. Written as rows directly,
 * in the shape the compute API serves (`compute#securityPolicy`).
 */
export async function seedAllowlist(pool: pg.Pool, target: { project: string; zone: string; cidrs: string[]; name?: string }): Promise<string> {
  const name = target.name ?? "prod-allowlist";
  const selfLink = `${LINK_BASE}/projects/${target.project}/global/securityPolicies/${name}`;
  const rule = (priority: number, action: string, srcIpRanges: string[]) => ({
    priority,
    action,
    preview: false,
    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges } },
  });
  const policy = {
    kind: "compute#securityPolicy",
    name,
    type: "CLOUD_ARMOR",
    rules: [rule(1000, "allow", target.cidrs), rule(DEFAULT_RULE_PRIORITY, "deny(403)", ["*"])],
    selfLink,
  };
  await pool.query(
    `INSERT INTO gcp_emulator.resource (project, kind, location, name, data) VALUES ($1, 'securityPolicy', 'global', $2, $3)
     ON CONFLICT (project, kind, location, name) DO UPDATE SET data = excluded.data`,
    [target.project, name, JSON.stringify(policy)],
  );
  const { rowCount } = await pool.query(
    `UPDATE gcp_emulator.resource SET data = data || jsonb_build_object('securityPolicy', $2::text)
     WHERE project = $1 AND kind = 'backendService' AND location = 'global' AND name = 'prod-backend-service'`,
    [target.project, selfLink],
  );
  if (rowCount === 0) {
    const rows = loadBalancerRows({ project: target.project, zone: target.zone, live: "red" });
    await upsertMany(pool, rows.map((r) => (r.kind === "backendService" ? { ...r, data: { ...r.data, securityPolicy: selfLink } } : r)));
  }
  return selfLink;
}
