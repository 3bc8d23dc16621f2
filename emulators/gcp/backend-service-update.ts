import type pg from "pg";
import { validateBackends } from "./backend-groups";
import { conditionNotMet, invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { recordOperation } from "./operations";
import { omit, pick, requireResource } from "./request-body";
import { fingerprint, resourcePath } from "./resources";
import { replaceResourceIf, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

// `securityPolicy` is output-only on BackendService: only setSecurityPolicy changes it, so a
// retarget (patch of `backends`) can never drop a customer's allowlist by accident.
const SERVER_OWNED = ["kind", "id", "name", "creationTimestamp", "selfLink", "fingerprint", "securityPolicy"];

/**
 * backendServices.patch (merge the fields sent) and .update (replace the resource). Both
 * require the fingerprint of the version the caller read and answer 412 when it is stale,
 * so two upgrades retargeting the same load balancer cannot silently overwrite each other.
 */
export async function changeBackendService(pool: pg.Pool, key: ResourceKey, body: unknown, mode: "patch" | "update"): Promise<Doc> {
  const resource = requireResource(body);
  const current = await getOrNotFound(pool, key);
  const path = resourcePath(key.project, key.kind, key.location, key.name);
  if (resource.name !== undefined && resource.name !== key.name) {
    throw invalid(`Invalid value for field 'resource.name': '${String(resource.name)}'. The name cannot be changed.`);
  }
  if (resource.fingerprint !== current.fingerprint) throw conditionNotMet(path);

  const userFields = omit(resource, SERVER_OWNED);
  const base = mode === "patch" ? { ...current, ...userFields } : { ...pick(current, SERVER_OWNED), ...userFields };
  const backends =
    resource.backends === undefined && mode === "patch" ? current.backends : await validateBackends(pool, key.project, resource.backends);
  const next = { ...base, backends, fingerprint: fingerprint() };
  // Compare-and-swap on the fingerprint: a concurrent change between our read and write loses with 412.
  if (!(await replaceResourceIf(pool, key, String(current.fingerprint), next))) throw conditionNotMet(path);
  return recordOperation(pool, key, mode, String(current.id));
}
