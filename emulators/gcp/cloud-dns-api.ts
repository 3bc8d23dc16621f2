import { isIPv4, isIPv6 } from "node:net";
import type pg from "pg";
import { alreadyExists, EmulatorError, invalid } from "./errors";
import { ensureManagedZones } from "./dns-zones";
import type { PlatformEndpoint, PlatformRequest } from "./platform-routes";
import { requireResource } from "./request-body";
import { deleteResource, getResource, insertResource, upsertMany } from "./store";

type Doc = Record<string, unknown>;

const ZONE_PATH = "/dns/v1/projects/{project}/managedZones/{zone}";
const TYPES = new Set(["A", "AAAA", "CNAME", "TXT", "MX", "NS", "CAA"]);
const NAME_RE = /^(\*\.)?([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)+$/;

/**
 * Cloud DNS v1 record sets, in the zone that holds `<slug>.sourcegraph.com` (RUNBOOK "create a
 * DNS entry"). Discovery ids are `dns.resourceRecordSets.*`; faults may also be armed under
 * the shorter `dns.rrsets.*`.
 */
export const cloudDnsEndpoints: PlatformEndpoint[] = [
  endpoint("GET", ZONE_PATH, "dns.managedZones.get", ({ pool, params }) => requireZone(pool, params)),
  endpoint("GET", `${ZONE_PATH}/rrsets`, "dns.resourceRecordSets.list", listRecordSets),
  endpoint("POST", `${ZONE_PATH}/rrsets`, "dns.resourceRecordSets.create", createRecordSet),
  endpoint("GET", `${ZONE_PATH}/rrsets/{name}/{type}`, "dns.resourceRecordSets.get", async ({ pool, params }) => {
    const zone = await requireZone(pool, params);
    return requireRecordSet(pool, params, recordKey(params, zone, params.name, params.type));
  }),
  endpoint("PATCH", `${ZONE_PATH}/rrsets/{name}/{type}`, "dns.resourceRecordSets.patch", patchRecordSet),
  endpoint("DELETE", `${ZONE_PATH}/rrsets/{name}/{type}`, "dns.resourceRecordSets.delete", async ({ pool, params }) => {
    const zone = await requireZone(pool, params);
    const key = recordKey(params, zone, params.name, params.type);
    const existing = await requireRecordSet(pool, params, key);
    await deleteResource(pool, key);
    return existing;
  }),
];

function endpoint(
  httpMethod: PlatformEndpoint["httpMethod"],
  path: string,
  id: string,
  run: (req: PlatformRequest) => Promise<Doc>,
): PlatformEndpoint {
  return {
    httpMethod,
    path,
    id,
    aliases: [id.replace("resourceRecordSets", "rrsets")],
    run: async (req) => {
      await ensureManagedZones(req.pool, req.config.dnsZones);
      return run(req);
    },
  };
}

async function requireZone(pool: pg.Pool, params: Record<string, string>): Promise<Doc> {
  const zone = await getResource(pool, { project: params.project, kind: "managedZone", location: "global", name: params.zone });
  if (!zone) throw new EmulatorError(404, "NOT_FOUND", "notFound", `The 'parameters.managedZone' resource named '${params.zone}' does not exist.`);
  return zone;
}

function recordKey(params: Record<string, string>, zone: Doc, name: string, type: string) {
  return { project: params.project, kind: "recordSet" as const, location: "global" as const, name: `${String(zone.name)}/${name.toLowerCase()}/${type}` };
}

async function requireRecordSet(pool: pg.Pool, params: Record<string, string>, key: ReturnType<typeof recordKey>): Promise<Doc> {
  const doc = await getResource(pool, key);
  if (!doc) throw new EmulatorError(404, "NOT_FOUND", "notFound", `The 'parameters.name' resource named '${params.name}' does not exist.`);
  return doc;
}

async function listRecordSets({ pool, params, query }: PlatformRequest): Promise<Doc> {
  const zone = await requireZone(pool, params);
  const name = query.get("name")?.toLowerCase();
  const type = query.get("type");
  if (type && !name) throw invalid("The 'parameters.type' parameter may only be given together with 'parameters.name'.");
  const { rows } = await pool.query<{ data: Doc }>(
    `SELECT data FROM gcp_emulator.resource WHERE project = $1 AND kind = 'recordSet' AND location = 'global' AND starts_with(name, $2)
       AND ($3::text IS NULL OR data->>'name' = $3) AND ($4::text IS NULL OR data->>'type' = $4) ORDER BY name`,
    [params.project, `${String(zone.name)}/`, name ?? null, type ?? null],
  );
  return { kind: "dns#resourceRecordSetsListResponse", rrsets: rows.map((r) => r.data) };
}

async function createRecordSet({ pool, params, body }: PlatformRequest): Promise<Doc> {
  const zone = await requireZone(pool, params);
  const doc = validateRecordSet(requireResource(body), zone, "entity.change.additions[0]");
  const key = recordKey(params, zone, String(doc.name), String(doc.type));
  if (!(await insertResource(pool, { ...key, data: doc }))) {
    throw alreadyExists(`entity.change.additions[${String(doc.name)}][${String(doc.type)}]`);
  }
  return doc;
}

async function patchRecordSet({ pool, params, body }: PlatformRequest): Promise<Doc> {
  const zone = await requireZone(pool, params);
  const key = recordKey(params, zone, params.name, params.type);
  const existing = await requireRecordSet(pool, params, key);
  const changes = requireResource(body);
  // Name and type identify the record set and cannot be patched.
  const doc = validateRecordSet({ ...existing, ...changes, name: existing.name, type: existing.type }, zone, "entity.rrset");
  await upsertMany(pool, [{ ...key, data: doc }]);
  return doc;
}

/** The checks Cloud DNS makes, so a record the real API would refuse fails here too. */
function validateRecordSet(input: Doc, zone: Doc, field: string): Doc {
  const name = typeof input.name === "string" ? input.name.toLowerCase() : "";
  const dnsName = String(zone.dnsName);
  if (!NAME_RE.test(name) || !(name === dnsName || name.endsWith(`.${dnsName}`))) {
    throw invalid(`Invalid value for '${field}.name': '${String(input.name ?? "")}' (must be a fully-qualified name ending in '.' within ${dnsName})`);
  }
  const type = typeof input.type === "string" ? input.type : "";
  if (!TYPES.has(type)) throw invalid(`Invalid value for '${field}.type': '${type}'`);
  const ttl = Number(input.ttl);
  if (input.ttl === undefined || !Number.isInteger(ttl) || ttl < 0 || ttl > 2_147_483_647) {
    throw invalid(`Invalid value for '${field}.ttl': '${String(input.ttl ?? "")}'`);
  }
  const rrdatas = input.rrdatas;
  if (!Array.isArray(rrdatas) || rrdatas.length === 0 || !rrdatas.every((d) => typeof d === "string" && d !== "")) {
    throw invalid(`Invalid value for '${field}.rrdatas': at least one record is required`);
  }
  for (const d of rrdatas as string[]) {
    if ((type === "A" && !isIPv4(d)) || (type === "AAAA" && !isIPv6(d))) throw invalid(`Invalid value for '${field}.rrdata': '${d}' is not a valid ${type} record`);
  }
  return { kind: "dns#resourceRecordSet", name, type, ttl, rrdatas: [...new Set(rrdatas as string[])] };
}
