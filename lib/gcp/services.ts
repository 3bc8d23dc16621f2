import { serviceUsageLibrary } from "./load-client-libraries";
import { enumName } from "./proto-enum";
import { apiTarget, callApi } from "./call-api";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";
import { waitForLongRunning } from "./wait-for-long-running";

/** ENABLED, DISABLED, or STATE_UNSPECIFIED. */
export type ServiceState = string;

const target = (clients: ProvisioningClients) => apiTarget(clients, "Service Usage API", "serviceusage.googleapis.com");

/**
 * Enables an API in the project (RUNBOOK: "enable the Compute Engine API") and waits for the
 * operation. Naturally idempotent: GCP answers enabling an enabled service with an operation
 * that is already done. Paid APIs such as compute need billing linked first, or GCP refuses
 * (an "invalid" GcpError saying billing must be enabled).
 */
export async function enableService(
  ref: { projectId: string; service: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<{ service: string; state: ServiceState }> {
  const name = `projects/${ref.projectId}/services/${ref.service}`;
  const t = target(clients);
  const [op] = await callApi(t, name, () => clients.serviceUsage.enableService({ name }, clients.callOptions));
  const result = await waitForLongRunning(t, name, op, "enabling");
  return { service: ref.service, state: enumName(serviceUsageLibrary().protos.google.api.serviceusage.v1.State, result.service?.state, "ENABLED") };
}

export async function getServiceState(
  ref: { projectId: string; service: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<ServiceState> {
  const name = `projects/${ref.projectId}/services/${ref.service}`;
  const [service] = await callApi(target(clients), name, () => clients.serviceUsage.getService({ name }, clients.callOptions));
  return enumName(serviceUsageLibrary().protos.google.api.serviceusage.v1.State, service.state);
}
