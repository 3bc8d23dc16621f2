import type pg from "pg";
import { setSecurityPolicy } from "./backend-security-policy";
import { changeBackendService } from "./backend-service-update";
import { advanceCertificate } from "./certificate-script";
import { createSnapshot } from "./create-snapshot";
import { resizeDisk } from "./disk-resize";
import { alreadyExists, invalid } from "./errors";
import { parseFilter } from "./filter";
import { assertNotInUse } from "./in-use";
import { buildInsertDoc } from "./insert-docs";
import { insertInstance } from "./instance-insert";
import { setMachineType, setMetadata } from "./instance-settings";
import { attachNetworkEndpoints, detachNetworkEndpoints, listNetworkEndpoints } from "./network-endpoints";
import { afterDelete, afterInsert } from "./resource-lifecycle";
import { changeSecurityPolicyRule } from "./security-policy-rules";
import { afterBackendChange, afterComputeDelete, afterComputeInsert, servingGroup } from "./sourcegraph-hooks";
import { completeTransition, setPower } from "./vm-power";
import { getOrNotFound, requireProject } from "./lookup";
import { getGuestAttributes } from "./guest-attributes";
import { recordOperation } from "./operations";
import { requireResource, requireResourceName } from "./request-body";
import { resourcePath, selfLink } from "./resources";
import type { Route } from "./routes";
import { deleteResource, insertResource, listResources, type ResourceKey } from "./store";

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
  disk: "compute#diskList",
  snapshot: "compute#snapshotList",
  backendService: "compute#backendServiceList",
  networkEndpointGroup: "compute#networkEndpointGroupList",
  instanceGroup: "compute#instanceGroupList",
  router: "compute#routerList",
  securityPolicy: "compute#securityPolicyList",
};

/** Runs one routed request and returns the JSON body of a 200 response; throws EmulatorError otherwise. */
export async function handle(pool: pg.Pool, { route, query, body }: RequestInput): Promise<Doc> {
  switch (route.action) {
    case "list":
      return list(pool, route, query);
    case "get":
    case "wait":
      // A scripted certificate advances towards ACTIVE on every read (see certificate-script.ts).
      if (route.kind === "sslCertificate") await advanceCertificate(pool, keyOf(route));
      // A stop or start finishes when its operation is polled (vm-power.ts).
      if (route.kind === "operation") await completeTransition(pool, keyOf(route));
      return getOrNotFound(pool, keyOf(route));
    case "insert":
      return insert(pool, route, body);
    case "delete":
      return remove(pool, keyOf(route));
    case "stop":
      return setPower(pool, keyOf(route), "stop");
    case "start":
      return setPower(pool, keyOf(route), "start");
    case "patch":
    case "update": {
      const before = await servingGroup(pool, keyOf(route));
      const operation = await changeBackendService(pool, keyOf(route), body, route.action);
      await afterBackendChange(pool, keyOf(route), before);
      return operation;
    }
    case "createSnapshot":
      return createSnapshot(pool, keyOf(route), body);
    case "setSecurityPolicy":
      return setSecurityPolicy(pool, keyOf(route), body);
    case "attachNetworkEndpoints":
      return attachNetworkEndpoints(pool, keyOf(route), body);
    case "detachNetworkEndpoints":
      return detachNetworkEndpoints(pool, keyOf(route), body);
    case "listNetworkEndpoints":
      return listNetworkEndpoints(pool, keyOf(route));
    case "setMachineType":
      return setMachineType(pool, keyOf(route), body);
    case "setMetadata":
      return setMetadata(pool, keyOf(route), body);
    case "resize":
      return resizeDisk(pool, keyOf(route), body);
    case "getGuestAttributes":
      return getGuestAttributes(pool, keyOf(route), query);
    case "addRule":
    case "patchRule":
    case "removeRule":
      return changeSecurityPolicyRule(pool, keyOf(route), route.action, query, body);
  }
}

function keyOf(route: Route): ResourceKey {
  return { project: route.project, kind: route.kind, location: route.location, name: route.name ?? "" };
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
  const resource = requireResource(body);
  const name = requireResourceName(resource);
  await requireProject(pool, route.project);
  const key: ResourceKey = { ...keyOf(route), name };
  if (route.kind === "instance") {
    const operation = await insertInstance(pool, key, resource);
    await afterComputeInsert(pool, key);
    return operation;
  }
  const doc = await buildInsertDoc(pool, route, name, resource);
  if (!(await insertResource(pool, { ...key, data: doc }))) throw alreadyExists(resourcePath(key.project, key.kind, key.location, name));
  await afterInsert(pool, key, doc);
  await afterComputeInsert(pool, key);
  return recordOperation(pool, key, "insert", String(doc.id));
}

async function remove(pool: pg.Pool, key: ResourceKey): Promise<Doc> {
  const doc = await getOrNotFound(pool, key);
  await assertNotInUse(pool, key);
  await deleteResource(pool, key);
  await afterDelete(pool, key, doc);
  await afterComputeDelete(pool, key);
  return recordOperation(pool, key, "delete", String(doc.id));
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`Invalid value for field '${name}': '${raw}'`);
  return n;
}
