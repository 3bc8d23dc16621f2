import type pg from "pg";
import type { IncomingHttpHeaders } from "node:http";
import { billingEndpoints } from "./billing-api";
import { cloudAssetEndpoints, type AssetQuota } from "./cloud-asset-api";
import { cloudDnsEndpoints } from "./cloud-dns-api";
import type { ManagedZoneSeed } from "./dns-zones";
import { iamAdminEndpoints } from "./iam-admin-api";
import { resourceManagerEndpoints } from "./resource-manager-api";
import { secretManagerEndpoints } from "./secret-manager-api";
import { serviceUsageEndpoints } from "./service-usage-api";

type Doc = Record<string, unknown>;

/** Emulator-wide settings the platform APIs need. */
export interface PlatformConfig {
  /** Managed zones Cloud DNS serves, created on first use. */
  dnsZones: ManagedZoneSeed[];
  /** The emulator's `/token` (`token_uri` in minted keys); set once the server listens. */
  tokenUri?: string;
  /** Cloud Asset's search quota (default: GCP's 400 per minute). */
  assetQuota?: AssetQuota;
}

export interface PlatformRequest {
  pool: pg.Pool;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  config: PlatformConfig;
  headers?: IncomingHttpHeaders;
}

/**
 * One REST method of a non-compute API. Every API is served from the emulator's single
 * origin; their paths (`/v3/projects`, `/v1/projects/p/billingInfo`, `/dns/v1/...`) don't
 * overlap, so the path alone picks the API, as the host would in GCP.
 */
export interface PlatformEndpoint {
  httpMethod: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** `{param}` matches one path segment; a trailing `:verb` is literal. */
  path: string;
  /** GCP's discovery id (`cloudresourcemanager.projects.create`); fault injection matches it. */
  id: string;
  /** Other names a fault may be armed under (`dns.rrsets.create`). */
  aliases?: string[];
  /** The project a fault is scoped to; defaults to the `project` path parameter. */
  faultProject?: (params: Record<string, string>, body: unknown) => string;
  run(req: PlatformRequest): Promise<Doc>;
}

export interface PlatformRoute {
  endpoint: PlatformEndpoint;
  params: Record<string, string>;
  methodIds: string[];
  project: (body: unknown) => string;
}

const ENDPOINTS: PlatformEndpoint[] = [
  ...resourceManagerEndpoints,
  ...billingEndpoints,
  ...serviceUsageEndpoints,
  ...iamAdminEndpoints,
  ...cloudDnsEndpoints,
  ...secretManagerEndpoints,
  ...cloudAssetEndpoints,
];

interface Compiled {
  endpoint: PlatformEndpoint;
  re: RegExp;
  names: string[];
}

// Segments exclude ':' so `/secrets/s:addVersion` splits into the secret and the verb.
const compile = (endpoint: PlatformEndpoint): Compiled => {
  const names: string[] = [];
  const source = endpoint.path
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]);
      return "([^/:]+)";
    })
    .join("");
  return { endpoint, re: new RegExp(`^${source}$`), names };
};

const COMPILED = ENDPOINTS.map(compile);

export function matchPlatformRoute(method: string, pathname: string): PlatformRoute | undefined {
  // Clients may percent-encode the ':' of a custom verb; ids and names never contain one.
  const path = pathname.replace(/%3A/gi, ":");
  for (const { endpoint, re, names } of COMPILED) {
    if (endpoint.httpMethod !== method) continue;
    const m = re.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const value = safeDecode(m[i + 1]);
      if (value === undefined || value === "") return undefined;
      params[name] = value;
    }
    return {
      endpoint,
      params,
      methodIds: [endpoint.id, ...(endpoint.aliases ?? [])],
      project: (body) => endpoint.faultProject?.(params, body) ?? params.project ?? "",
    };
  }
  return undefined;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
