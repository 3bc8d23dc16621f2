import type pg from "pg";
import { invalid } from "./errors";
import type { PolicyDoc } from "./iam-policy-store";
import { findProject } from "./platform-projects";
import { getResource } from "./store";

type Doc = Record<string, unknown>;

const ROLE_RE = /^(roles\/[A-Za-z0-9_.]+|(projects|organizations)\/[^/]+\/roles\/[A-Za-z0-9_.]+)$/;
const MEMBER_RE = /^((user|serviceAccount|group|domain|deleted:user|deleted:serviceAccount|principal|principalSet):.+|allUsers|allAuthenticatedUsers)$/;
const SERVICE_ACCOUNT_RE = /^serviceAccount:([a-z][a-z0-9-]{4,28}[a-z0-9])@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/;

/**
 * Checks a policy as setIamPolicy does. A service account of a project the emulator knows
 * must exist, as GCP refuses to grant a role to one that doesn't: granting before creating
 * the account is an ordering bug the emulator should surface.
 */
export async function validatePolicy(pool: pg.Pool, policy: Doc): Promise<Omit<PolicyDoc, "etag">> {
  const rawBindings = policy.bindings ?? [];
  if (!Array.isArray(rawBindings)) throw invalid("Invalid value for field 'policy.bindings'");
  const bindings: PolicyDoc["bindings"] = [];
  for (const [i, b] of (rawBindings as Doc[]).entries()) {
    const role = typeof b?.role === "string" ? b.role : "";
    if (!ROLE_RE.test(role)) throw invalid(`Role (${role}) does not exist in the resource's hierarchy (policy.bindings[${i}]).`);
    const members = Array.isArray(b.members) ? (b.members as unknown[]) : [];
    for (const m of members) {
      if (typeof m !== "string" || !MEMBER_RE.test(m)) throw invalid(`Invalid member type or format: ${String(m)}`);
      await assertServiceAccountExists(pool, m);
    }
    if (members.length === 0) continue; // GCP drops bindings without members.
    bindings.push({ role, members: [...new Set(members as string[])], ...(b.condition ? { condition: b.condition as Doc } : {}) });
  }
  const version = bindings.some((b) => b.condition) ? 3 : Number(policy.version ?? 1) || 1;
  return { version, bindings };
}

async function assertServiceAccountExists(pool: pg.Pool, member: string): Promise<void> {
  const m = SERVICE_ACCOUNT_RE.exec(member);
  if (!m) return;
  const project = m[2];
  if (!(await findProject(pool, project))) return; // An account of a project outside the emulator: nothing to check against.
  const email = member.slice("serviceAccount:".length);
  const found = await getResource(pool, { project, kind: "serviceAccount", location: "global", name: email });
  if (!found) throw invalid(`Service account ${email} does not exist.`);
}
