import { COLLECTION, type ComputeKind, type Location } from "./resources";

/**
 * Maps a compute v1 REST request to an action. The paths are the `google.api.http` rules
 * of the compute protos, which google-gax's REST transport fills in (`fallback: true`).
 */
export type Action =
  | "list"
  | "insert"
  | "get"
  | "delete"
  | "stop"
  | "start"
  | "wait"
  | "patch"
  | "update"
  | "createSnapshot"
  | "setSecurityPolicy"
  | "attachNetworkEndpoints"
  | "detachNetworkEndpoints"
  | "listNetworkEndpoints"
  | "setMachineType"
  | "setMetadata"
  | "resize"
  | "addRule"
  | "patchRule"
  | "removeRule"
  | "getGuestAttributes";

export interface Route {
  action: Action;
  kind: ComputeKind;
  project: string;
  location: Location;
  name?: string;
}

type LocationType = "global" | "zones" | "regions";

interface Collection {
  kind: Route["kind"];
  locations: LocationType[];
  /** Actions on the collection (no name), on one resource, and custom verbs on one resource. */
  onCollection: Partial<Record<string, Action>>;
  onResource: Partial<Record<string, Action>>;
  verbs: Partial<Record<string, Action>>;
  /** Custom verbs read with GET (`instances/{name}/getGuestAttributes`). */
  getVerbs?: Partial<Record<string, Action>>;
}

const COLLECTIONS: Record<string, Collection> = {
  instances: {
    kind: "instance",
    locations: ["zones"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: { stop: "stop", start: "start", setMachineType: "setMachineType", setMetadata: "setMetadata" },
    getVerbs: { getGuestAttributes: "getGuestAttributes" },
  },
  addresses: {
    kind: "address",
    locations: ["global", "regions"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: {},
  },
  sslCertificates: {
    kind: "sslCertificate",
    locations: ["global"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: {},
  },
  disks: {
    kind: "disk",
    locations: ["zones"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: { createSnapshot: "createSnapshot", resize: "resize" },
  },
  snapshots: {
    kind: "snapshot",
    locations: ["global"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: {},
  },
  backendServices: {
    kind: "backendService",
    locations: ["global"],
    onCollection: { GET: "list", POST: "insert" },
    // PATCH merges the fields sent; PUT replaces the resource. Both need the current fingerprint.
    onResource: { GET: "get", PATCH: "patch", PUT: "update", DELETE: "delete" },
    verbs: { setSecurityPolicy: "setSecurityPolicy" },
  },
  networkEndpointGroups: {
    kind: "networkEndpointGroup",
    locations: ["zones"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    // listNetworkEndpoints is a POST in the compute API (its filter travels in the body).
    verbs: {
      attachNetworkEndpoints: "attachNetworkEndpoints",
      detachNetworkEndpoints: "detachNetworkEndpoints",
      listNetworkEndpoints: "listNetworkEndpoints",
    },
  },
  instanceGroups: {
    kind: "instanceGroup",
    locations: ["zones"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: {},
  },
  // Cloud Router, for Cloud NAT: the NAT config is the router's `nats` list.
  routers: {
    kind: "router",
    locations: ["regions"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: {},
  },
  // Cloud Armor. Rules change only through the per-rule verbs (`?priority=N`), as in GCP.
  securityPolicies: {
    kind: "securityPolicy",
    locations: ["global"],
    onCollection: { GET: "list", POST: "insert" },
    onResource: { GET: "get", DELETE: "delete" },
    verbs: { addRule: "addRule", patchRule: "patchRule", removeRule: "removeRule" },
  },
  operations: {
    kind: "operation",
    locations: ["global", "zones", "regions"],
    onCollection: {},
    onResource: { GET: "get" },
    verbs: { wait: "wait" },
  },
};

const PREFIX = "/compute/v1/projects/";

export function matchRoute(method: string, pathname: string): Route | undefined {
  if (!pathname.startsWith(PREFIX)) return undefined;
  const parts = pathname.slice(PREFIX.length).split("/").map(safeDecode);
  if (parts.some((p) => p === undefined || p === "")) return undefined;
  const [project, ...rest] = parts as string[];

  let location: Location;
  let locationType: LocationType;
  if (rest[0] === "global") {
    location = "global";
    locationType = "global";
    rest.splice(0, 1);
  } else if ((rest[0] === "zones" || rest[0] === "regions") && rest.length >= 2) {
    locationType = rest[0];
    location = `${rest[0]}/${rest[1]}`;
    rest.splice(0, 2);
  } else {
    return undefined;
  }

  const [collectionName, name, verb, ...extra] = rest;
  const collection = COLLECTIONS[collectionName ?? ""];
  if (!collection || extra.length > 0 || !collection.locations.includes(locationType)) return undefined;

  const action =
    name === undefined
      ? collection.onCollection[method]
      : verb === undefined
        ? collection.onResource[method]
        : method === "POST"
          ? collection.verbs[verb]
          : method === "GET"
            ? collection.getVerbs?.[verb]
            : undefined;
  if (!action) return undefined;
  return { action, kind: collection.kind, project, location, ...(name === undefined ? {} : { name }) };
}

/**
 * The API method a route runs, named like GCP's discovery ids (`compute.disks.createSnapshot`);
 * fault injection matches on it.
 */
export function methodId(route: Route): string {
  return `compute.${COLLECTION[route.kind]}.${route.action}`;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
