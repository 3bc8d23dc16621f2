import type pg from "pg";
import { validateBackends } from "./backend-groups";
import { invalid } from "./errors";
import { validateLabels } from "./labels";
import { backendServiceDoc, groupDoc } from "./load-balancer-resources";
import { getOrNotFound } from "./lookup";
import { asString, pick } from "./request-body";
import { parseResourceRef } from "./resource-ref";
import { addressDoc, bareLocation, instanceDoc, selfLink } from "./resources";
import type { Route } from "./routes";
import { diskDoc, snapshotDoc } from "./storage-resources";

type Doc = Record<string, unknown>;

/**
 * The document an insert stores. The caller's fields are kept, but the server-owned ones
 * (id, links, status, fingerprints) are the emulator's, and references to other resources
 * are checked and stored as full URLs, as GCP does.
 */
export async function buildInsertDoc(pool: pg.Pool, route: Route, name: string, resource: Doc): Promise<Doc> {
  const { project, location } = route;
  const labels = validateLabels(resource.labels);
  const description = asString(resource.description);
  switch (route.kind) {
    case "instance":
      return {
        ...resource,
        ...instanceDoc({ project, zone: bareLocation(location), name, labels, metadataItems: metadataItems(resource.metadata) }),
        ...pick(resource, ["machineType", "networkInterfaces", "description"]),
        ...(resource.disks === undefined ? {} : { disks: await attachedDisks(pool, project, resource.disks) }),
      };
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
    case "backendService":
      return { ...resource, ...backendServiceDoc({ project, name, description, backends: await validateBackends(pool, project, resource.backends) }) };
    case "networkEndpointGroup":
    case "instanceGroup":
      return { ...resource, ...groupDoc({ project, zone: bareLocation(location), name, kind: route.kind, description }) };
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
    type: asString(resource.type),
    labels,
    description: asString(resource.description),
    source,
  });
}

/** Attached disks must exist; their `source` is stored as a full URL so in-use checks can match it. */
async function attachedDisks(pool: pg.Pool, project: string, disks: unknown): Promise<Doc[]> {
  if (!Array.isArray(disks)) throw invalid("Invalid value for field 'resource.disks'");
  return Promise.all(
    disks.map(async (d: Doc, i) => {
      const source = asString(d?.source);
      if (!source) return d;
      const ref = expectKind(parseResourceRef(source, project, `resource.disks[${i}].source`), "disk", source);
      await getOrNotFound(pool, ref);
      return { ...d, source: selfLink(ref.project, "disk", ref.location, ref.name) };
    }),
  );
}

function metadataItems(metadata: unknown): { key?: string; value?: string }[] | undefined {
  const items = (metadata as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as { key?: string; value?: string }[]) : undefined;
}

function expectKind<R extends { kind: string }>(ref: R, kind: string, raw: string): R {
  if (ref.kind !== kind) throw invalid(`Invalid value '${raw}': expected a ${kind}`);
  return ref;
}
