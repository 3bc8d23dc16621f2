import type pg from "pg";
import { inUse, invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { resourceLink } from "./resource-link";
import { parseResourceRef } from "./resource-ref";
import { locationLink, newId, now, resourcePath, selfLink, type Location } from "./resources";
import { listResources, patchResource } from "./store";

type Doc = Record<string, unknown>;

/**
 * A Cloud Router and its Cloud NAT (compute v1 Router; the NAT is an entry of `nats`). A
 * MANUAL_ONLY NAT egresses from the static addresses in `natIps`: they must exist in the
 * router's region and not serve another NAT, and are stored as full URLs.
 */
export async function routerDoc(pool: pg.Pool, project: string, location: Location, name: string, resource: Doc): Promise<Doc> {
  if (typeof resource.network !== "string" || !resource.network) throw invalid("Required field 'resource.network' not specified");
  const nats = await validateNats(pool, project, location, resource.nats);
  return {
    ...resource,
    kind: "compute#router",
    id: newId(),
    name,
    creationTimestamp: now(),
    region: locationLink(project, location),
    network: resourceLink(project, resource.network, "global/networks"),
    nats,
    selfLink: selfLink(project, "router", location, name),
  };
}

async function validateNats(pool: pg.Pool, project: string, location: Location, raw: unknown): Promise<Doc[]> {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid("Invalid value for field 'resource.nats'");
  const routers = await listResources(pool, { project, kind: "router", location });
  return Promise.all(
    raw.map(async (nat: Doc, i) => {
      const field = `resource.nats[${i}]`;
      if (typeof nat?.name !== "string" || !nat.name) throw invalid(`Required field '${field}.name' not specified`);
      const option = nat.natIpAllocateOption ?? "AUTO_ONLY";
      if (option !== "MANUAL_ONLY" && option !== "AUTO_ONLY") throw invalid(`Invalid value for field '${field}.natIpAllocateOption': '${String(option)}'`);
      const refs = Array.isArray(nat.natIps) ? (nat.natIps as unknown[]) : [];
      if (option === "MANUAL_ONLY" && refs.length === 0) throw invalid(`Invalid value for field '${field}.natIps': a MANUAL_ONLY NAT needs at least one address.`);
      if (option === "AUTO_ONLY" && refs.length > 0) throw invalid(`Invalid value for field '${field}.natIps': an AUTO_ONLY NAT takes no addresses.`);
      const natIps = await Promise.all(
        refs.map(async (r, j) => {
          const ref = parseResourceRef(String(r), project, `${field}.natIps[${j}]`);
          if (ref.kind !== "address" || ref.location !== location) {
            throw invalid(`Invalid value for field '${field}.natIps[${j}]': '${String(r)}'. Expected an address in ${location}.`);
          }
          const address = await getOrNotFound(pool, ref);
          const link = String(address.selfLink);
          const user = routers.find((router) => natLinks(router).includes(link));
          if (user) throw inUse("address", resourcePath(ref.project, "address", ref.location, ref.name), String(user.selfLink));
          return link;
        }),
      );
      return { sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES", ...nat, natIpAllocateOption: option, natIps };
    }),
  );
}

/** Every address URL a router's NATs egress from. */
export function natLinks(router: Doc): string[] {
  const nats = Array.isArray(router.nats) ? (router.nats as { natIps?: unknown }[]) : [];
  return nats.flatMap((n) => (Array.isArray(n.natIps) ? (n.natIps as string[]) : []));
}

/** GCP shows a NAT's addresses IN_USE, used by the router (`gcloud compute addresses list` in the RUNBOOK). */
export async function markNatAddresses(pool: pg.Pool, router: Doc, inUseNow: boolean): Promise<void> {
  for (const link of natLinks(router)) {
    const ref = parseResourceRef(link, "", "natIps");
    await patchResource(pool, ref, inUseNow ? { status: "IN_USE", users: [router.selfLink] } : { status: "RESERVED", users: [] });
  }
}
