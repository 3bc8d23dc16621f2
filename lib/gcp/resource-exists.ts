import { apiTarget, callApi, restCallOptions } from "./call-api";
import { GcpError } from "./errors";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

/**
 * A GCP resource by its REST path, e.g. `{ service: "compute", path: "projects/p/global/addresses/a" }`.
 * The path is sent as given: callers build it from validated names (and encode an object name).
 */
export interface GcpResourceRef {
  service: "compute" | "storage" | "dns";
  path: string;
}

const API: Record<GcpResourceRef["service"], { name: string; host: string; version: string }> = {
  compute: { name: "Compute Engine API", host: "compute.googleapis.com", version: "compute/v1" },
  storage: { name: "Cloud Storage JSON API", host: "storage.googleapis.com", version: "storage/v1" },
  dns: { name: "Cloud DNS API", host: "dns.googleapis.com", version: "dns/v1" },
};

/**
 * Whether a resource exists: one authenticated GET of its REST path (404 = no). Used before
 * adopting a deployment into Terraform state, because an import of a resource that does not
 * exist fails ("Cannot import non-existent remote object").
 */
export async function gcpResourceExists(ref: GcpResourceRef, clients: ProvisioningClients = defaultProvisioningClients()): Promise<boolean> {
  const api = API[ref.service];
  // With GCP_API_ENDPOINT every API is on the emulator's one origin (provisioning-clients.ts).
  const origin = clients.settings.apiEndpoint ? clients.dns.baseUrl.replace(/\/dns\/v1$/, "") : `https://${api.host}`;
  const url = `${origin}/${api.version}/${ref.path}`;
  try {
    await callApi(apiTarget(clients, api.name, api.host), ref.path, () => clients.dns.auth.request({ url, method: "GET", ...restCallOptions(clients.callOptions) }));
    return true;
  } catch (e) {
    if (e instanceof GcpError && e.kind === "not-found") return false;
    throw e;
  }
}
