import { createHash } from "node:crypto";
import type pg from "pg";
import { EmulatorError, invalid } from "./errors";
import { derivedProjectNumber } from "./platform-projects";
import type { PlatformEndpoint, PlatformRequest } from "./platform-routes";
import { bareLocation } from "./resources";

type Doc = Record<string, unknown>;

/**
 * Cloud Asset Inventory v1 `searchAllResources` (REALITY.md; Cloud Asset API reference):
 * every resource of the asked types in every project under a folder, an organization or one
 * project, as `ResourceSearchResult`s. Modelled:
 * - paging: `pageSize` is capped at 500 (0 or unset: the server's default, 100 here); the
 *   `nextPageToken` is opaque and only valid for the same request (else INVALID_ARGUMENT);
 *   no token on the last page;
 * - the quota: 400 requests per minute per consumer project (`x-goog-user-project`, else the
 *   caller): over it, 429 RESOURCE_EXHAUSTED until the minute is over. Clients retry;
 * - `name` is the full resource name with the project ID (`//compute.googleapis.com/projects/
 *   P/zones/Z/instances/N`), `project` the project NUMBER, `location` the zone, `state` the
 *   VM's status.
 * Only direct children of a folder or organization are found (nested folders are not
 * modelled), and only the asset types below; a non-empty `query` is refused as not emulated.
 */
const ASSET_KINDS: Record<string, string> = {
  "compute.googleapis.com/Instance": "instance",
  "compute.googleapis.com/Disk": "disk",
};
export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;

export interface AssetQuota {
  /** Requests per window per consumer (GCP: 400 per minute). */
  requests: number;
  windowMs: number;
}
export const DEFAULT_ASSET_QUOTA: AssetQuota = { requests: 400, windowMs: 60_000 };

const search = (scopeParam: string, prefix: string): PlatformEndpoint => ({
  httpMethod: "GET",
  path: `/v1/${prefix}/{${scopeParam}}:searchAllResources`,
  id: "cloudasset.searchAllResources",
  faultProject: (params) => `${prefix}/${params[scopeParam]}`,
  run: (req) => searchAllResources(req, `${prefix}/${req.params[scopeParam]}`),
});

export const cloudAssetEndpoints: PlatformEndpoint[] = [search("folder", "folders"), search("organization", "organizations"), search("project", "projects")];

// Per emulator (its pool): consumer → requests in the current window.
const windows = new WeakMap<pg.Pool, Map<string, { start: number; count: number }>>();

function takeQuota(req: PlatformRequest): void {
  const quota = req.config.assetQuota ?? DEFAULT_ASSET_QUOTA;
  const consumer = req.headers?.["x-goog-user-project"]?.toString() || "caller";
  const byConsumer = windows.get(req.pool) ?? new Map();
  windows.set(req.pool, byConsumer);
  const now = Date.now();
  let w = byConsumer.get(consumer);
  if (!w || now - w.start >= quota.windowMs) byConsumer.set(consumer, (w = { start: now, count: 0 }));
  if (w.count >= quota.requests) {
    throw new EmulatorError(
      429,
      "RESOURCE_EXHAUSTED",
      "rateLimitExceeded",
      `Quota exceeded for quota metric 'Search requests' and limit 'Search requests per minute' of service 'cloudasset.googleapis.com' for consumer '${consumer}'.`,
    );
  }
  w.count++;
}

interface Row {
  kind: string;
  project: string;
  location: string;
  name: string;
  status: string | null;
  labels: Record<string, string> | null;
  created: string | null;
  number: string | null;
  parent: string | null;
}

async function searchAllResources(req: PlatformRequest, scope: string): Promise<Doc> {
  takeQuota(req);
  const { pool, query } = req;
  if (!/^(folders|organizations)\/\d+$|^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(scope)) throw invalid(`Invalid scope: ${scope}`);
  if ((query.get("query") ?? "") !== "") throw invalid("The Cloud Asset emulator does not emulate `query`; filter by assetTypes.");
  const assetTypes = query.getAll("assetTypes");
  const kinds = assetTypes.length ? assetTypes.map(kindOf) : Object.values(ASSET_KINDS);
  const requested = Number(query.get("pageSize") ?? 0);
  if (!Number.isInteger(requested)) throw invalid(`Invalid value for field 'pageSize': '${query.get("pageSize")}'`);
  const pageSize = requested <= 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
  const fingerprint = createHash("sha256").update(JSON.stringify([scope, [...kinds].sort(), pageSize])).digest("hex").slice(0, 16);
  const after = decodeToken(query.get("pageToken") ?? "", fingerprint);

  const [scopeKind, scopeId] = scope.split("/");
  const byProject = scopeKind === "projects";
  const { rows } = await pool.query<Row>(
    `SELECT r.kind, r.project, r.location, r.name, r.data->>'status' AS status, r.data->'labels' AS labels,
            r.data->>'creationTimestamp' AS created, p.data->>'projectNumber' AS number,
            coalesce(p.data->'resourceManager'->>'parent', p.data->>'parent') AS parent
     FROM gcp_emulator.resource p
     JOIN gcp_emulator.resource r ON r.project = p.project AND r.kind = ANY($1::text[])
     WHERE p.kind = 'project' AND p.location = 'global' AND p.name = p.project
       AND (CASE WHEN $2 THEN p.project = $3 ELSE coalesce(p.data->'resourceManager'->>'parent', p.data->>'parent') = $4 END)
       AND ($5::text[] IS NULL OR (r.kind, r.project, r.location, r.name) > (($5::text[])[1], ($5::text[])[2], ($5::text[])[3], ($5::text[])[4]))
     ORDER BY r.kind, r.project, r.location, r.name
     LIMIT $6`,
    [kinds, byProject, scopeId, scope, after, pageSize + 1],
  );
  const page = rows.slice(0, pageSize);
  const result: Doc = { results: page.map(toSearchResult) };
  if (rows.length > pageSize) {
    const last = page[page.length - 1];
    result.nextPageToken = encodeToken([last.kind, last.project, last.location, last.name], fingerprint);
  }
  return result;
}

function kindOf(assetType: string): string {
  const kind = ASSET_KINDS[assetType];
  if (!kind) throw invalid(`Asset type '${assetType}' is not searchable in the Cloud Asset emulator (it serves ${Object.keys(ASSET_KINDS).join(", ")}).`);
  return kind;
}

function toSearchResult(r: Row): Doc {
  const assetType = Object.entries(ASSET_KINDS).find(([, k]) => k === r.kind)![0];
  const collection = r.kind === "instance" ? "instances" : "disks";
  const zone = bareLocation(r.location as never);
  const number = r.number ?? derivedProjectNumber(r.project);
  return {
    name: `//compute.googleapis.com/projects/${r.project}/zones/${zone}/${collection}/${r.name}`,
    assetType,
    project: `projects/${number}`,
    ...(r.parent?.startsWith("folders/") ? { folders: [r.parent] } : {}),
    ...(r.parent?.startsWith("organizations/") ? { organization: r.parent } : {}),
    displayName: r.name,
    location: zone,
    labels: r.labels ?? {},
    ...(r.status ? { state: r.status } : {}),
    ...(r.created ? { createTime: r.created } : {}),
    parentFullResourceName: `//cloudresourcemanager.googleapis.com/projects/${r.project}`,
    parentAssetType: "cloudresourcemanager.googleapis.com/Project",
  };
}

function encodeToken(key: string[], fingerprint: string): string {
  return Buffer.from(JSON.stringify({ k: key, f: fingerprint })).toString("base64url");
}

function decodeToken(token: string, fingerprint: string): string[] | null {
  if (!token) return null;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { k?: unknown; f?: unknown };
    if (parsed.f === fingerprint && Array.isArray(parsed.k) && parsed.k.length === 4 && parsed.k.every((s) => typeof s === "string")) return parsed.k as string[];
  } catch {
    // fall through
  }
  throw invalid("Invalid page token: it does not belong to this request (same scope, asset types and page size).");
}
