import { randomBytes, randomInt } from "node:crypto";

/**
 * Builders for the JSON documents the emulator stores and serves. Field names follow the
 * compute v1 protos (camelCase JSON); anything outside the proto is dropped by the client's
 * deserialiser, so only proto fields are worth storing.
 */

// Real resources point at www.googleapis.com in selfLink/zone/region, whatever endpoint
// served them; code that parses zone names out of these URLs keeps working.
export const LINK_BASE = "https://www.googleapis.com/compute/v1";

export type ResourceKind =
  | "project"
  | "instance"
  | "address"
  | "sslCertificate"
  | "operation"
  | "disk"
  | "snapshot"
  | "backendService"
  | "networkEndpointGroup"
  | "instanceGroup"
  | "router"
  | "securityPolicy"
  // Emulator-internal rows (fault injection, scripts, a NEG's endpoints), never served as
  // resources: no route maps to them.
  | "fault"
  | "certificateScript"
  | "networkEndpoints"
  | "vmTransition"
  | "filesystem"
  | PlatformKind;

/**
 * Rows of the APIs beside Compute (Resource Manager, Billing, Service Usage, IAM, Cloud DNS,
 * Secret Manager). They share the table but are served by platform-routes.ts, not by compute URLs.
 */
export type PlatformKind =
  | "iamPolicy"
  | "billingInfo"
  | "service"
  | "longRunningOperation"
  | "serviceAccount"
  | "serviceAccountKey"
  | "managedZone"
  | "recordSet"
  | "secret"
  | "secretVersion";

/** The kinds a compute URL can name. */
export type ComputeKind = Exclude<ResourceKind, "project" | "fault" | "certificateScript" | "networkEndpoints" | "vmTransition" | "filesystem" | PlatformKind>;

/**
 * Where a resource lives, spelled as its URL segment: "global", "regions/us-central1" or
 * "zones/us-central1-a". Storing the segment (not a bare name) keeps zones and regions
 * unambiguous and makes paths and links plain concatenation.
 */
export type Location = "global" | `regions/${string}` | `zones/${string}`;

export const zoneLocation = (zone: string): Location => `zones/${zone}`;
export const regionLocation = (region: string): Location => `regions/${region}`;

/** us-central1-a → us-central1 (GCP zones are their region plus a letter). */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, "");
}

export const COLLECTION: Record<ComputeKind, string> = {
  instance: "instances",
  address: "addresses",
  sslCertificate: "sslCertificates",
  operation: "operations",
  disk: "disks",
  snapshot: "snapshots",
  backendService: "backendServices",
  networkEndpointGroup: "networkEndpointGroups",
  instanceGroup: "instanceGroups",
  router: "routers",
  securityPolicy: "securityPolicies",
};

/** `projects/p/zones/z/instances/n`, the form GCP uses in "was not found" messages. */
export function resourcePath(project: string, kind: ResourceKind, location: Location, name: string): string {
  if (kind === "project") return `projects/${project}`;
  if (!(kind in COLLECTION)) return `emulator/${kind}/${name}`;
  return `projects/${project}/${location}/${COLLECTION[kind as ComputeKind]}/${name}`;
}

export function selfLink(project: string, kind: ResourceKind, location: Location, name: string): string {
  return `${LINK_BASE}/${resourcePath(project, kind, location, name)}`;
}

export function locationLink(project: string, location: Location): string {
  return `${LINK_BASE}/projects/${project}/${location}`;
}

/** uint64 ids travel as decimal strings in proto3 JSON. */
export function newId(): string {
  return `${randomInt(1, 2 ** 47)}${randomInt(100000, 999999)}`;
}

/** GCP's optimistic-locking fingerprints are opaque base64 strings that change on every write. */
export function fingerprint(): string {
  return randomBytes(8).toString("base64");
}

export function now(): string {
  return new Date().toISOString();
}

export interface InstanceSpec {
  project: string;
  zone: string;
  name: string;
  status?: string;
  machineType?: string;
  networkIP?: string;
  labels?: Record<string, string>;
  /** `metadata.items` as sent by the caller (startup-script, colour, ...). */
  metadataItems?: { key?: string; value?: string }[];
}

export function instanceDoc(spec: InstanceSpec): Record<string, unknown> {
  const region = regionOfZone(spec.zone);
  const zone = zoneLocation(spec.zone);
  const ts = now();
  return {
    kind: "compute#instance",
    id: newId(),
    name: spec.name,
    creationTimestamp: ts,
    lastStartTimestamp: ts,
    status: spec.status ?? "RUNNING",
    zone: locationLink(spec.project, zone),
    machineType: `${locationLink(spec.project, zone)}/machineTypes/${spec.machineType ?? "n2-standard-8"}`,
    labels: spec.labels ?? {},
    labelFingerprint: fingerprint(),
    // The instance's own optimistic-locking stamp; changes on every write to it.
    fingerprint: fingerprint(),
    // GCP always returns a metadata block with a fingerprint, even for a VM created without items.
    metadata: { kind: "compute#metadata", fingerprint: fingerprint(), items: spec.metadataItems ?? [] },
    networkInterfaces: [
      {
        name: "nic0",
        network: `${LINK_BASE}/projects/${spec.project}/global/networks/default`,
        subnetwork: `${LINK_BASE}/projects/${spec.project}/regions/${region}/subnetworks/default`,
        networkIP: spec.networkIP ?? "10.0.0.2",
      },
    ],
    selfLink: selfLink(spec.project, "instance", zone, spec.name),
  };
}

export interface AddressSpec {
  project: string;
  /** "global" for a global address, otherwise `regions/<region>`. */
  location: Location;
  name: string;
  address?: string;
  status?: "RESERVED" | "IN_USE" | "RESERVING";
  description?: string;
}

export function addressDoc(spec: AddressSpec): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    kind: "compute#address",
    id: newId(),
    name: spec.name,
    address: spec.address ?? randomExternalIp(),
    addressType: "EXTERNAL",
    ipVersion: "IPV4",
    networkTier: "PREMIUM",
    status: spec.status ?? "RESERVED",
    creationTimestamp: now(),
    description: spec.description ?? "",
    selfLink: selfLink(spec.project, "address", spec.location, spec.name),
  };
  if (spec.location !== "global") doc.region = locationLink(spec.project, spec.location);
  return doc;
}

export interface CertificateSpec {
  project: string;
  name: string;
  domains: string[];
  status: string;
}

export function sslCertificateDoc(spec: CertificateSpec): Record<string, unknown> {
  return {
    kind: "compute#sslCertificate",
    id: newId(),
    name: spec.name,
    type: "MANAGED",
    creationTimestamp: now(),
    managed: managedStatus(spec.domains, spec.status),
    subjectAlternativeNames: spec.domains,
    selfLink: selfLink(spec.project, "sslCertificate", "global", spec.name),
  };
}

/** Per-domain status follows the certificate's: ACTIVE domains for an ACTIVE cert, etc. */
export function managedStatus(domains: string[], status: string): Record<string, unknown> {
  const domainStatus = status === "ACTIVE" ? "ACTIVE" : status === "PROVISIONING" ? "PROVISIONING" : "FAILED_NOT_VISIBLE";
  return { domains, status, domainStatus: Object.fromEntries(domains.map((d) => [d, domainStatus])) };
}

export interface OperationSpec {
  project: string;
  location: Location;
  operationType: string;
  targetLink: string;
  targetId?: string;
}

/**
 * Everything the emulator does is instantaneous, so operations are born DONE; clients that
 * poll (`ZoneOperationsClient.wait/get`) see DONE on the first call.
 */
export function operationDoc(spec: OperationSpec): Record<string, unknown> {
  const ts = now();
  const name = `operation-${Date.now()}-${randomBytes(6).toString("hex")}`;
  const doc: Record<string, unknown> = {
    kind: "compute#operation",
    id: newId(),
    name,
    operationType: spec.operationType,
    targetLink: spec.targetLink,
    targetId: spec.targetId ?? "0",
    status: "DONE",
    progress: 100,
    user: "emulator@sourcegraph-managed.local",
    insertTime: ts,
    startTime: ts,
    endTime: ts,
    selfLink: selfLink(spec.project, "operation", spec.location, name),
  };
  if (spec.location !== "global") {
    doc[spec.location.startsWith("zones/") ? "zone" : "region"] = locationLink(spec.project, spec.location);
  }
  return doc;
}

/** A documentation-range-free address that looks public: 34.x.y.z like GCP's own pool. */
function randomExternalIp(): string {
  return `34.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** "zones/us-central1-a" → "us-central1-a". */
export function bareLocation(location: Location): string {
  return location.slice(location.indexOf("/") + 1);
}
