import type { protos } from "@google-cloud/compute";
import { backendGroupUrl, parseBackendGroup, sameTarget, type BackendTarget } from "./backend-target";
import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { waitForOperation } from "./wait-for-operation";

type BackendService = protos.google.cloud.compute.v1.IBackendService;

const servicePath = (project: string, name: string) => `projects/${project}/global/backendServices/${name}`;

/**
 * Which colour users reach now: the one group `prod-backend-service` points at, or null when
 * it has no backend. Several backends (someone split traffic by hand) is an error rather than
 * a guess, because a red/black upgrade must know exactly what it switches away from.
 */
export async function getBackendTarget(
  ref: { project: string; backendService?: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<BackendTarget | null> {
  const { target } = await readService(ref.project, ref.backendService ?? "prod-backend-service", clients);
  return target;
}

/** The Cloud Armor policy attached to `prod-backend-service` (its bare name), or null for a public instance. */
export async function getBackendSecurityPolicy(
  ref: { project: string; backendService?: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<string | null> {
  const { service } = await readService(ref.project, ref.backendService ?? "prod-backend-service", clients);
  return service.securityPolicy ? (service.securityPolicy.split("/").pop() ?? null) : null;
}

/**
 * The load balancer switch of a red/black upgrade: points the backend service at `to` only.
 * Safe to run again: when it already points there nothing is sent (`changed: false`). The
 * patch carries the fingerprint read just before, so a concurrent change fails with a
 * "conflict" GcpError instead of being overwritten.
 */
export async function retargetBackend(
  ref: { project: string; backendService?: string; to: BackendTarget },
  clients: GcpClients = defaultGcpClients(),
): Promise<{ changed: boolean; previous: BackendTarget | null }> {
  const name = ref.backendService ?? "prod-backend-service";
  const resource = servicePath(ref.project, name);
  const { service, target: previous } = await readService(ref.project, name, clients);
  if (sameTarget(previous, ref.to)) return { changed: false, previous };

  const backendServiceResource: BackendService = {
    backends: [{ ...balancingFor(service, ref.to), group: backendGroupUrl(ref.project, ref.to) }],
    fingerprint: service.fingerprint,
  };
  const [lro] = await callGcp(clients, resource, () =>
    clients.backendServices.patch({ project: ref.project, backendService: name, backendServiceResource }, clients.callOptions),
  );
  await waitForOperation(clients, resource, lro, { project: ref.project, global: true }, "retarget");
  return { changed: true, previous };
}

async function readService(project: string, name: string, clients: GcpClients) {
  const resource = servicePath(project, name);
  const [service] = await callGcp(clients, resource, () =>
    clients.backendServices.get({ project, backendService: name }, clients.callOptions),
  );
  const groups = (service.backends ?? []).map((b) => b.group ?? "");
  if (groups.length > 1) {
    throw new GcpError("failed", resource, `${resource} has ${groups.length} backends (${groups.join(", ")}); expected one colour`);
  }
  if (groups.length === 0) return { service, target: null };
  const target = parseBackendGroup(groups[0]);
  if (!target) throw new GcpError("failed", resource, `${resource} points at ${groups[0]}, which is not a zonal group`);
  return { service, target };
}

// The settings a backend carries besides its group. Picked by name because decoded proto
// objects also hold oneof bookkeeping (`_maxRate`) and defaults that should not be sent back.
const BALANCING_FIELDS = [
  "balancingMode",
  "capacityScaler",
  "maxRate",
  "maxRatePerEndpoint",
  "maxRatePerInstance",
  "maxConnections",
  "maxConnectionsPerEndpoint",
  "maxConnectionsPerInstance",
  "maxUtilization",
] as const;

/** Keeps the current backend's balancing settings when the group type stays the same. */
function balancingFor(service: BackendService, to: BackendTarget): protos.google.cloud.compute.v1.IBackend {
  const current = service.backends?.[0];
  if (current?.group && parseBackendGroup(current.group)?.type === to.type) {
    return Object.fromEntries(BALANCING_FIELDS.filter((f) => current[f] !== undefined && current[f] !== null).map((f) => [f, current[f]]));
  }
  return to.type === "networkEndpointGroup"
    ? { balancingMode: "RATE", maxRatePerEndpoint: 1000, capacityScaler: 1 }
    : { balancingMode: "UTILIZATION", capacityScaler: 1 };
}

/**
 * Deletes a zonal network endpoint group (the hand-built `prod-neg` once users have moved to a
 * colour). Safe to run again; GCP refuses while a backend service still uses the group.
 */
export async function deleteNetworkEndpointGroup(
  ref: { project: string; zone: string; name: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<{ deleted: boolean }> {
  const resource = `projects/${ref.project}/zones/${ref.zone}/networkEndpointGroups/${ref.name}`;
  try {
    const [lro] = await callGcp(clients, resource, () =>
      clients.networkEndpointGroups.delete({ project: ref.project, zone: ref.zone, networkEndpointGroup: ref.name }, clients.callOptions),
    );
    await waitForOperation(clients, resource, lro, { project: ref.project, zone: ref.zone }, "delete");
    return { deleted: true };
  } catch (err) {
    if (err instanceof GcpError && err.kind === "not-found") return { deleted: false };
    throw err;
  }
}
