import { randomBytes } from "node:crypto";
import type pg from "pg";

type Doc = Record<string, unknown>;

/** Whoever calls the emulator; a project's creator becomes its owner, as in GCP. */
export const EMULATOR_CALLER = "user:emulator@sourcegraph-managed.local";

export interface PolicyDoc {
  version: number;
  /** bytes in the proto, so base64 in JSON. */
  etag: string;
  bindings: { role: string; members: string[]; condition?: Doc }[];
}

const newEtag = () => randomBytes(8).toString("base64");

/** Every project has a policy; the row is written on first read so later writes can compare etags atomically. */
export async function readPolicy(pool: pg.Pool, projectId: string): Promise<PolicyDoc> {
  const initial: PolicyDoc = { version: 1, etag: newEtag(), bindings: [{ role: "roles/owner", members: [EMULATOR_CALLER] }] };
  const { rows } = await pool.query<{ data: PolicyDoc }>(
    `INSERT INTO gcp_emulator.resource (project, kind, location, name, data) VALUES ($1, 'iamPolicy', 'global', $1, $2)
     ON CONFLICT (project, kind, location, name) DO UPDATE SET data = gcp_emulator.resource.data
     RETURNING data`,
    [projectId, JSON.stringify(initial)],
  );
  return rows[0].data;
}

/**
 * Replaces the policy if its etag is still `expectedEtag` (or unconditionally without one,
 * as GCP allows); undefined when another write got there first.
 */
export async function writePolicyIf(
  pool: pg.Pool,
  projectId: string,
  expectedEtag: string | undefined,
  policy: Omit<PolicyDoc, "etag">,
): Promise<PolicyDoc | undefined> {
  await readPolicy(pool, projectId);
  const next: PolicyDoc = { ...policy, etag: newEtag() };
  const { rows } = await pool.query<{ data: PolicyDoc }>(
    `UPDATE gcp_emulator.resource SET data = $2::jsonb
     WHERE project = $1 AND kind = 'iamPolicy' AND location = 'global' AND name = $1 AND ($3::text IS NULL OR data->>'etag' = $3)
     RETURNING data`,
    [projectId, JSON.stringify(next), expectedEtag === undefined ? null : normaliseEtag(expectedEtag)],
  );
  return rows[0]?.data;
}

/** Clients re-encode the etag bytes they were given; compare bytes, not spellings (padding, url-safe). */
export function normaliseEtag(etag: string): string {
  return Buffer.from(etag, "base64").toString("base64");
}
