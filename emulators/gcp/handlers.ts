import type pg from "pg";
import { alreadyExists, invalid, notFound } from "./errors";
import { parseFilter } from "./filter";
import {
  addressDoc,
  instanceDoc,
  now,
  operationDoc,
  resourcePath,
  selfLink,
  type Location,
} from "./resources";
import type { Route } from "./routes";
import { deleteResource, getResource, insertResource, listResources, patchResource, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

export interface RequestInput {
  route: Route;
  query: URLSearchParams;
  body: unknown;
}

const LIST_KIND: Record<Route["kind"], string> = {
  instance: "compute#instanceList",
  address: "compute#addressList",
  sslCertificate: "compute#sslCertificateList",
  operation: "compute#operationList",
};

// GCP's rule for resource names (RFC 1035 label, at most 63 characters).
const NAME_RE = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Runs one routed request and returns the JSON body of a 200 response; throws EmulatorError otherwise. */
export async function handle(pool: pg.Pool, { route, query, body }: RequestInput): Promise<Doc> {
  switch (route.action) {
    case "list":
      return list(pool, route, query);
    case "get":
    case "wait":
      return get(pool, keyOf(route));
    case "insert":
      return insert(pool, route, body);
    case "delete":
      return remove(pool, keyOf(route));
    case "stop":
      return setPower(pool, keyOf(route), "stop");
    case "start":
      return setPower(pool, keyOf(route), "start");
  }
}

function keyOf(route: Route): ResourceKey {
  return { project: route.project, kind: route.kind, location: route.location, name: route.name ?? "" };
}

async function requireProject(pool: pg.Pool, project: string): Promise<void> {
  const found = await getResource(pool, { project, kind: "project", location: "global", name: project });
  if (!found) throw notFound(resourcePath(project, "project", "global", project));
}

/** A missing resource in a missing project is reported as the project missing, as GCP does. */
async function get(pool: pg.Pool, key: ResourceKey): Promise<Doc> {
  const doc = await getResource(pool, key);
  if (doc) return doc;
  await requireProject(pool, key.project);
  throw notFound(resourcePath(key.project, key.kind, key.location, key.name));
}

async function list(pool: pg.Pool, route: Route, query: URLSearchParams): Promise<Doc> {
  await requireProject(pool, route.project);
  const maxResults = intParam(query, "maxResults", 500, 0, 500) || 500;
  const offset = intParam(query, "pageToken", 0, 0, Number.MAX_SAFE_INTEGER);
  const predicate = parseFilter(query.get("filter"));
  // Per-project collections hold a handful of resources, so filtering and paging in memory is fine.
  const all = (await listResources(pool, { project: route.project, kind: route.kind, location: route.location })).filter(
    predicate,
  );
  const items = all.slice(offset, offset + maxResults);
  const collectionPath = resourcePath(route.project, route.kind, route.location, "").replace(/\/$/, "");
  const result: Doc = {
    kind: LIST_KIND[route.kind],
    id: collectionPath,
    items,
    selfLink: selfLink(route.project, route.kind, route.location, "").replace(/\/$/, ""),
  };
  if (offset + maxResults < all.length) result.nextPageToken = String(offset + maxResults);
  return result;
}

async function insert(pool: pg.Pool, route: Route, body: unknown): Promise<Doc> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalid("Required field 'resource' not specified");
  const resource = body as Doc;
  const name = resource.name;
  if (typeof name !== "string" || !NAME_RE.test(name)) {
    throw invalid(`Invalid value for field 'resource.name': '${String(name ?? "")}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`);
  }
  await requireProject(pool, route.project);
  const key: ResourceKey = { ...keyOf(route), name };
  // The caller's fields are kept, but the server-owned ones (id, links, status) are the emulator's.
  const doc =
    route.kind === "instance"
      ? { ...resource, ...instanceDoc({ project: route.project, zone: bare(route.location), name, labels: asLabels(resource.labels) }), ...pick(resource, ["machineType", "networkInterfaces", "description"]) }
      : { ...resource, ...addressDoc({ project: route.project, location: route.location, name, address: asString(resource.address), description: asString(resource.description) }) };
  if (!(await insertResource(pool, { ...key, data: doc }))) throw alreadyExists(resourcePath(key.project, key.kind, key.location, name));
  return recordOperation(pool, key, "insert", String(doc.id));
}

async function remove(pool: pg.Pool, key: ResourceKey): Promise<Doc> {
  const doc = await get(pool, key);
  await deleteResource(pool, key);
  return recordOperation(pool, key, "delete", String(doc.id));
}

async function setPower(pool: pg.Pool, key: ResourceKey, verb: "stop" | "start"): Promise<Doc> {
  // The emulator skips STOPPING/STAGING: the VM reaches its final state before the operation returns.
  const patch = verb === "stop" ? { status: "TERMINATED", lastStopTimestamp: now() } : { status: "RUNNING", lastStartTimestamp: now() };
  const doc = (await patchResource(pool, key, patch)) ?? (await get(pool, key));
  return recordOperation(pool, key, verb, String(doc.id));
}

/** Operations are stored so `zoneOperations.get/wait` on the returned name find them. */
async function recordOperation(pool: pg.Pool, target: ResourceKey, operationType: string, targetId: string): Promise<Doc> {
  const op = operationDoc({
    project: target.project,
    location: target.location,
    operationType,
    targetLink: selfLink(target.project, target.kind, target.location, target.name),
    targetId,
  });
  await insertResource(pool, { project: target.project, kind: "operation", location: target.location, name: String(op.name), data: op });
  return op;
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`Invalid value for field '${name}': '${raw}'`);
  return n;
}

/** "zones/us-central1-a" → "us-central1-a". */
function bare(location: Location): string {
  return location.slice(location.indexOf("/") + 1);
}

function pick(doc: Doc, keys: string[]): Doc {
  return Object.fromEntries(keys.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k]]));
}

const asString = (v: unknown) => (typeof v === "string" ? v : undefined);
const asLabels = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, string>) : undefined);

