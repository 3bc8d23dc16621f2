import type pg from "pg";
import { invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { recordOperation } from "./operations";
import { requireResource } from "./request-body";
import { deleteResource, getResource, patchResource, upsertMany, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

interface Endpoint {
  /** The VM's name (GCP accepts a name or URL and lists the name). */
  instance: string;
  ipAddress: string;
  port: number;
}

/**
 * A zonal GCE_VM_IP_PORT network endpoint group's members: VMs of the group's zone, each at
 * one of its internal IPs and a port. They are kept in an emulator-internal row beside the
 * group, because the NetworkEndpointGroup document has no such field (only `size`).
 */
const membersKey = (neg: ResourceKey): ResourceKey => ({ ...neg, kind: "networkEndpoints" });

export async function attachNetworkEndpoints(pool: pg.Pool, negKey: ResourceKey, body: unknown): Promise<Doc> {
  const neg = await getOrNotFound(pool, negKey);
  const requested = await resolveEndpoints(pool, negKey, neg, body);
  const current = await readEndpoints(pool, negKey);
  const merged = [...current, ...requested.filter((e) => !current.some((c) => same(c, e)))];
  await writeEndpoints(pool, negKey, merged);
  return recordOperation(pool, negKey, "attachNetworkEndpoints", String(neg.id));
}

export async function detachNetworkEndpoints(pool: pg.Pool, negKey: ResourceKey, body: unknown): Promise<Doc> {
  const neg = await getOrNotFound(pool, negKey);
  const requested = await resolveEndpoints(pool, negKey, neg, body, { vmMayBeGone: true });
  const current = await readEndpoints(pool, negKey);
  await writeEndpoints(pool, negKey, current.filter((c) => !requested.some((e) => same(c, e))));
  return recordOperation(pool, negKey, "detachNetworkEndpoints", String(neg.id));
}

export async function listNetworkEndpoints(pool: pg.Pool, negKey: ResourceKey): Promise<Doc> {
  await getOrNotFound(pool, negKey);
  const items = (await readEndpoints(pool, negKey)).map((e) => ({ networkEndpoint: e }));
  return { kind: "compute#networkEndpointGroupsListNetworkEndpoints", items };
}

/** A deleted group takes its members with it. */
export async function forgetNetworkEndpoints(pool: pg.Pool, negKey: ResourceKey): Promise<void> {
  await deleteResource(pool, membersKey(negKey));
}

async function resolveEndpoints(pool: pg.Pool, negKey: ResourceKey, neg: Doc, body: unknown, opts: { vmMayBeGone?: boolean } = {}): Promise<Endpoint[]> {
  const raw = requireResource(body).networkEndpoints;
  if (!Array.isArray(raw) || raw.length === 0) throw invalid("Required field 'networkEndpoints' not specified");
  return Promise.all(
    raw.map(async (e: Doc, i) => {
      const field = `networkEndpoints[${i}]`;
      const instance = typeof e?.instance === "string" ? e.instance.split("/").pop()! : "";
      if (!instance) throw invalid(`Required field '${field}.instance' not specified`);
      const port = e.port === undefined ? Number(neg.defaultPort) : Number(e.port);
      if (!Number.isInteger(port) || port < 1 || port > 65_535) throw invalid(`Invalid value for field '${field}.port': '${String(e.port ?? "")}'`);
      const vmKey: ResourceKey = { project: negKey.project, kind: "instance", location: negKey.location, name: instance };
      const vm = opts.vmMayBeGone ? await getResource(pool, vmKey) : await getOrNotFound(pool, vmKey);
      const ips = Array.isArray(vm?.networkInterfaces) ? (vm.networkInterfaces as Doc[]).map((n) => String(n.networkIP)) : [];
      const ipAddress = typeof e.ipAddress === "string" ? e.ipAddress : ips[0];
      // Detaching the endpoint of a VM already deleted: its IP is unknown, instance and port identify it.
      if (!vm && opts.vmMayBeGone) return { instance, ipAddress: ipAddress ?? "", port };
      if (!ipAddress || !ips.includes(ipAddress)) {
        throw invalid(`Invalid value for field '${field}.ipAddress': '${String(e.ipAddress ?? "")}'. It is not an IP address of instance '${instance}'.`);
      }
      return { instance, ipAddress, port };
    }),
  );
}

async function readEndpoints(pool: pg.Pool, negKey: ResourceKey): Promise<Endpoint[]> {
  const row = await getResource(pool, membersKey(negKey));
  return Array.isArray(row?.endpoints) ? (row.endpoints as Endpoint[]) : [];
}

async function writeEndpoints(pool: pg.Pool, negKey: ResourceKey, endpoints: Endpoint[]): Promise<void> {
  await upsertMany(pool, [{ ...membersKey(negKey), data: { endpoints } }]);
  await patchResource(pool, negKey, { size: endpoints.length });
}

/** `b` may leave the IP unknown (""), matching any. */
const same = (a: Endpoint, b: Endpoint) => a.instance === b.instance && (b.ipAddress === "" || a.ipAddress === b.ipAddress) && a.port === b.port;
