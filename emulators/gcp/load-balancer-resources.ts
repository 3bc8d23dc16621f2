import { fingerprint, locationLink, newId, now, regionOfZone, selfLink, zoneLocation, LINK_BASE } from "./resources";

/**
 * Documents for the load balancer's back end: the backend service (`prod-backend-service`)
 * and the groups it points at, one network endpoint group (or instance group) per colour
 * of a red/black deployment.
 */

export interface BackendSpec {
  group: string;
  balancingMode?: string;
  capacityScaler?: number;
  maxRatePerEndpoint?: number;
}

export interface BackendServiceSpec {
  project: string;
  name: string;
  backends: BackendSpec[];
  description?: string;
}

export function backendServiceDoc(spec: BackendServiceSpec): Record<string, unknown> {
  return {
    kind: "compute#backendService",
    id: newId(),
    name: spec.name,
    description: spec.description ?? "",
    creationTimestamp: now(),
    backends: spec.backends,
    healthChecks: [`${LINK_BASE}/projects/${spec.project}/global/healthChecks/${spec.name.replace(/-backend-service$/, "")}-health-check`],
    protocol: "HTTP",
    portName: "http",
    timeoutSec: 30,
    loadBalancingScheme: "EXTERNAL",
    // Required, and compared, by patch/update: GCP answers 412 conditionNotMet to a stale one.
    fingerprint: fingerprint(),
    selfLink: selfLink(spec.project, "backendService", "global", spec.name),
  };
}

export interface GroupSpec {
  project: string;
  zone: string;
  name: string;
  kind: "networkEndpointGroup" | "instanceGroup";
  description?: string;
}

export function groupDoc(spec: GroupSpec): Record<string, unknown> {
  const zone = zoneLocation(spec.zone);
  const common = {
    id: newId(),
    name: spec.name,
    description: spec.description ?? "",
    creationTimestamp: now(),
    zone: locationLink(spec.project, zone),
    network: `${LINK_BASE}/projects/${spec.project}/global/networks/default`,
    subnetwork: `${LINK_BASE}/projects/${spec.project}/regions/${regionOfZone(spec.zone)}/subnetworks/default`,
    size: 1,
    selfLink: selfLink(spec.project, spec.kind, zone, spec.name),
  };
  return spec.kind === "networkEndpointGroup"
    ? { kind: "compute#networkEndpointGroup", networkEndpointType: "GCE_VM_IP_PORT", defaultPort: 80, ...common }
    : { kind: "compute#instanceGroup", namedPorts: [{ name: "http", port: 80 }], fingerprint: fingerprint(), ...common };
}
