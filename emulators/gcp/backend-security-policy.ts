import type pg from "pg";
import { invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { recordOperation } from "./operations";
import { requireResource } from "./request-body";
import { parseResourceRef } from "./resource-ref";
import { fingerprint } from "./resources";
import { replaceResourceIf, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/**
 * A backend service's Cloud Armor policy reference → the policy's URL, after checking it
 * exists; undefined (no policy) for an absent or empty one.
 */
export async function securityPolicyRef(pool: pg.Pool, project: string, raw: unknown, field: string): Promise<string | undefined> {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string") throw invalid(`Invalid value for field '${field}': '${String(raw)}'`);
  const ref = parseResourceRef(raw, project, field);
  if (ref.kind !== "securityPolicy") throw invalid(`Invalid value for field '${field}': '${raw}'. Expected a security policy.`);
  return String((await getOrNotFound(pool, ref)).selfLink);
}

/**
 * backendServices.setSecurityPolicy: attaches the policy (or, with none, detaches it). This
 * is how the google provider applies `security_policy`, after creating the service.
 */
export async function setSecurityPolicy(pool: pg.Pool, key: ResourceKey, body: unknown): Promise<Doc> {
  await getOrNotFound(pool, key);
  const link = await securityPolicyRef(pool, key.project, requireResource(body).securityPolicy, "securityPolicy");
  // The caller sends no fingerprint, but a concurrent patch must not be lost: compare-and-swap, re-reading on a race.
  for (;;) {
    const current = await getOrNotFound(pool, key);
    const { securityPolicy: _previous, ...rest } = current;
    // GCP omits the field when nothing is attached.
    const next = { ...rest, ...(link ? { securityPolicy: link } : {}), fingerprint: fingerprint() };
    if (await replaceResourceIf(pool, key, String(current.fingerprint), next)) return recordOperation(pool, key, "setSecurityPolicy", String(current.id));
  }
}
