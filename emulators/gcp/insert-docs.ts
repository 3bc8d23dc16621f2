import type pg from "pg";
import { validateBackends } from "./backend-groups";
import { securityPolicyRef } from "./backend-security-policy";
import { managedCertificateDoc } from "./certificate-insert";
import { invalid } from "./errors";
import { validateLabels } from "./labels";
import { backendServiceDoc, groupDoc } from "./load-balancer-resources";
import { getOrNotFound } from "./lookup";
import { resourceLink } from "./resource-link";
import { asString, pick } from "./request-body";
import { parseResourceRef } from "./resource-ref";
import { addressDoc, bareLocation, regionOfZone } from "./resources";
import { routerDoc } from "./routers";
import type { Route } from "./routes";
import { securityPolicyDoc } from "./security-policies";
import { diskDoc, snapshotDoc } from "./storage-resources";

type Doc = Record<string, unknown>;

/** Backend service settings the caller chooses; the emulator's defaults fill in the rest. */
const BACKEND_SERVICE_FIELDS = ["protocol", "portName", "timeoutSec", "loadBalancingScheme", "healthChecks"];

/**
 * The document an insert stores (instances have their own path: instance-insert.ts). The
 * caller's fields are kept, but the server-owned ones (id, links, status, fingerprints) are
 * the emulator's, and references to other resources are checked and stored as full URLs,
 * as GCP does.
 */
export async function buildInsertDoc(pool: pg.Pool, route: Route, name: string, resource: Doc): Promise<Doc> {
  const { project, location } = route;
  const labels = validateLabels(resource.labels);
  const description = asString(resource.description);
  switch (route.kind) {
    case "address":
      return { ...resource, ...addressDoc({ project, location, name, address: asString(resource.address), description }) };
    case "disk":
      return { ...resource, ...(await diskFromRequest(pool, route, name, resource, labels)) };
    case "snapshot": {
      const source = asString(resource.sourceDisk);
      if (!source) throw invalid("Required field 'resource.sourceDisk' not specified");
      const disk = await getOrNotFound(pool, expectKind(parseResourceRef(source, project, "resource.sourceDisk"), "disk", source));
      return { ...resource, ...snapshotDoc({ project, name, disk, labels, description }) };
    }
    case "backendService": {
      const securityPolicy = await securityPolicyRef(pool, project, resource.securityPolicy, "resource.securityPolicy");
      return {
        ...resource,
        ...backendServiceDoc({ project, name, description, backends: await validateBackends(pool, project, resource.backends) }),
        ...pick(resource, BACKEND_SERVICE_FIELDS),
        ...(securityPolicy ? { securityPolicy } : {}),
      };
    }
    case "networkEndpointGroup": {
      const type = resource.networkEndpointType ?? "GCE_VM_IP_PORT";
      if (type !== "GCE_VM_IP_PORT") throw invalid(`Invalid value for field 'resource.networkEndpointType': '${String(type)}'. The emulator models GCE_VM_IP_PORT groups only.`);
      const zone = bareLocation(location);
      return {
        ...resource,
        ...groupDoc({ project, zone, name, kind: route.kind, description }),
        // A new group has no endpoints until attachNetworkEndpoints adds them.
        size: 0,
        ...pick(resource, ["defaultPort"]),
        network: resourceLink(project, asString(resource.network) ?? "default", "global/networks"),
        subnetwork: resourceLink(project, asString(resource.subnetwork) ?? "default", `regions/${regionOfZone(zone)}/subnetworks`),
      };
    }
    case "instanceGroup":
      return { ...resource, ...groupDoc({ project, zone: bareLocation(location), name, kind: route.kind, description }) };
    case "sslCertificate":
      return managedCertificateDoc(project, name, resource);
    case "router":
      return routerDoc(pool, project, location, name, resource);
    case "securityPolicy":
      return securityPolicyDoc(project, name, resource);
    default:
      throw invalid(`The emulator cannot create ${route.kind} resources`);
  }
}

async function diskFromRequest(pool: pg.Pool, route: Route, name: string, resource: Doc, labels: Record<string, string>): Promise<Doc> {
  let sizeGb = resource.sizeGb === undefined ? undefined : Number(resource.sizeGb);
  let source: { snapshotLink: string; snapshotId: string } | undefined;
  const snapshotRef = asString(resource.sourceSnapshot);
  if (snapshotRef) {
    const ref = expectKind(parseResourceRef(snapshotRef, route.project, "resource.sourceSnapshot"), "snapshot", snapshotRef);
    const snapshot = await getOrNotFound(pool, ref);
    const snapshotSize = Number(snapshot.diskSizeGb);
    if (sizeGb !== undefined && sizeGb < snapshotSize) {
      throw invalid(`Requested disk size cannot be smaller than the snapshot size (${snapshotSize} GB).`);
    }
    sizeGb ??= snapshotSize;
    source = { snapshotLink: String(snapshot.selfLink), snapshotId: String(snapshot.id) };
  }
  sizeGb ??= 10;
  if (!Number.isInteger(sizeGb) || sizeGb < 1 || sizeGb > 65_536) throw invalid(`Invalid value for field 'resource.sizeGb': '${String(resource.sizeGb)}'`);
  return diskDoc({
    project: route.project,
    zone: bareLocation(route.location),
    name,
    sizeGb,
    type: resourceLink(route.project, asString(resource.type) ?? "pd-ssd", `zones/${bareLocation(route.location)}/diskTypes`),
    labels,
    description: asString(resource.description),
    source,
  });
}

function expectKind<R extends { kind: string }>(ref: R, kind: string, raw: string): R {
  if (ref.kind !== kind) throw invalid(`Invalid value '${raw}': expected a ${kind}`);
  return ref;
}
