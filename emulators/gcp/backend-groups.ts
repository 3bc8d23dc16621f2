import type pg from "pg";
import { invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import type { BackendSpec } from "./load-balancer-resources";
import { parseResourceRef } from "./resource-ref";

/**
 * Checks a backend service's `backends` as GCP does: each group must be an existing network
 * endpoint group or instance group, named once. Groups are stored as full URLs, which is
 * what GCP returns whatever form the caller sent.
 */
export async function validateBackends(pool: pg.Pool, project: string, backends: unknown): Promise<BackendSpec[]> {
  if (backends === undefined || backends === null) return [];
  if (!Array.isArray(backends)) throw invalid("Invalid value for field 'resource.backends'");
  const seen = new Set<string>();
  const result: BackendSpec[] = [];
  for (const [i, backend] of backends.entries()) {
    const field = `resource.backends[${i}].group`;
    const group = (backend as { group?: unknown } | null)?.group;
    if (typeof group !== "string") throw invalid(`Required field '${field}' not specified`);
    const ref = parseResourceRef(group, project, field);
    if (ref.kind !== "networkEndpointGroup" && ref.kind !== "instanceGroup") {
      throw invalid(`Invalid value for field '${field}': '${group}'. Expected an instance group or a network endpoint group.`);
    }
    const doc = await getOrNotFound(pool, ref);
    const link = String(doc.selfLink);
    if (seen.has(link)) throw invalid(`Invalid value for field 'resource.backends': duplicate backend group '${link}'`);
    seen.add(link);
    const b = backend as Record<string, unknown>;
    result.push({
      ...b,
      group: link,
      balancingMode: typeof b.balancingMode === "string" ? b.balancingMode : ref.kind === "instanceGroup" ? "UTILIZATION" : "RATE",
      capacityScaler: typeof b.capacityScaler === "number" ? b.capacityScaler : 1,
    });
  }
  return result;
}
