import type pg from "pg";
import { deploymentOfVm } from "../sourcegraph/deployment-ref";
import { loadDeployment } from "../sourcegraph/instance-state";
import { HEALTH_REPORT_NAMESPACE, vmHealthReport } from "../sourcegraph/vm-health-report";
import { ensureSchema as ensureSourcegraphSchema } from "../sourcegraph/schema";
import { invalid, notFound } from "./errors";
import { getOrNotFound } from "./lookup";
import { bareLocation, resourcePath, selfLink } from "./resources";
import type { ResourceKey } from "./store";

type Doc = Record<string, unknown>;
type MetadataItem = { key?: string; value?: string };

/** The metadata key holding the health report script the deployment module's startup script installs as a cron job. */
export const HEALTH_REPORT_METADATA_KEY = "sourcegraph-health-report";

const ready = new WeakSet<pg.Pool>();

/**
 * `instances.getGuestAttributes` (Compute Engine docs, "Guest attributes"): what processes on
 * the VM published under `queryPath` (a namespace `ns/`, or `ns/key`) or at `variableKey`.
 * A VM publishes only when guest attributes are enabled (`enable-guest-attributes=TRUE` in
 * its metadata) and something on it writes them: here the deployment module's health report
 * cron job (metadata `sourcegraph-health-report`, installed by the startup script), which
 * runs while the VM is RUNNING and a deployment runs on it. A path nothing was published
 * under is 404, as in GCP.
 */
export async function getGuestAttributes(pool: pg.Pool, key: ResourceKey, query: URLSearchParams): Promise<Doc> {
  const vm = await getOrNotFound(pool, key);
  const queryPath = query.get("queryPath") ?? "";
  const variableKey = query.get("variableKey") ?? "";
  if (!queryPath && !variableKey) throw invalid("One of 'queryPath' or 'variableKey' must be set.");
  const published = await publishedAttributes(pool, key, vm);
  const base = { kind: "compute#guestAttributes", selfLink: `${selfLink(key.project, "instance", key.location, key.name)}/getGuestAttributes` };
  const missing = () => notFound(`${resourcePath(key.project, "instance", key.location, key.name)}/guestAttributes/${variableKey || queryPath}`);
  if (variableKey) {
    const value = published.get(variableKey);
    if (value === undefined) throw missing();
    return { ...base, variableKey, variableValue: value };
  }
  const items = [...published.entries()]
    .filter(([path]) => (queryPath.endsWith("/") ? path.startsWith(queryPath) : path === queryPath))
    .map(([path, value]) => {
      const [namespace, ...rest] = path.split("/");
      return { namespace, key: rest.join("/"), value };
    });
  if (items.length === 0) throw missing();
  return { ...base, queryPath, queryValue: { items } };
}

/** `namespace/key` → value, as the VM's guest agent last stored them. */
async function publishedAttributes(pool: pg.Pool, key: ResourceKey, vm: Doc): Promise<Map<string, string>> {
  const items = ((vm.metadata as { items?: MetadataItem[] } | undefined)?.items ?? []) as MetadataItem[];
  const meta = (k: string) => items.find((i) => i.key === k)?.value;
  const enabled = (meta("enable-guest-attributes") ?? "").toUpperCase() === "TRUE";
  if (!enabled || meta(HEALTH_REPORT_METADATA_KEY) === undefined || vm.status !== "RUNNING") return new Map();
  if (!ready.has(pool)) {
    await ensureSourcegraphSchema(pool);
    ready.add(pool);
  }
  const ref = await deploymentOfVm(pool, { project: key.project, zone: bareLocation(key.location), vm: key.name });
  const instance = ref ? await loadDeployment(pool, ref) : null;
  if (!instance) return new Map();
  return new Map(Object.entries(vmHealthReport(instance)).map(([k, v]) => [`${HEALTH_REPORT_NAMESPACE}/${k}`, v]));
}
