import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";

export interface AddressInfo {
  name: string;
  address: string;
  /** RESERVED, IN_USE or RESERVING. */
  status: string;
}

/** The regional static addresses of a project (the NAT IPs live here). */
export async function listAddresses(
  ref: { project: string; region: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<AddressInfo[]> {
  const resource = `projects/${ref.project}/regions/${ref.region}/addresses`;
  // autoPaginate (the default) follows nextPageToken, so this is every address.
  const [items] = await callGcp(clients, resource, () =>
    clients.addresses.list({ project: ref.project, region: ref.region }, clients.callOptions),
  );
  return items.map((a) => ({ name: a.name ?? "", address: a.address ?? "", status: a.status ?? "" }));
}

export async function getGlobalAddress(
  ref: { project: string; name: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<AddressInfo> {
  const resource = `projects/${ref.project}/global/addresses/${ref.name}`;
  const [a] = await callGcp(clients, resource, () =>
    clients.globalAddresses.get({ project: ref.project, address: ref.name }, clients.callOptions),
  );
  if (!a.address) throw new GcpError("failed", resource, `GCP returned no IP for ${resource}`);
  return { name: a.name ?? ref.name, address: a.address, status: a.status ?? "" };
}
