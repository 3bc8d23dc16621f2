import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { waitForOperation } from "./wait-for-operation";

/** GCP's instance states (Instance.status). */
export type VmStatus =
  | "PROVISIONING"
  | "STAGING"
  | "RUNNING"
  | "STOPPING"
  | "STOPPED"
  | "SUSPENDING"
  | "SUSPENDED"
  | "REPAIRING"
  | "TERMINATED";

export interface VmRef {
  project: string;
  zone: string;
  vmName?: string;
}

export const instancePath = ({ project, zone, vmName = "prod" }: VmRef) =>
  `projects/${project}/zones/${zone}/instances/${vmName}`;

export async function getVmStatus(ref: VmRef, clients: GcpClients = defaultGcpClients()): Promise<VmStatus> {
  const resource = instancePath(ref);
  const [instance] = await callGcp(clients, resource, () =>
    clients.instances.get({ project: ref.project, zone: ref.zone, instance: ref.vmName ?? "prod" }, clients.callOptions),
  );
  if (!instance.status) throw new GcpError("failed", resource, `GCP returned no status for ${resource}`);
  return instance.status as VmStatus;
}

export function stopVm(ref: VmRef, clients: GcpClients = defaultGcpClients()): Promise<void> {
  return changePower(ref, "stop", clients);
}

export function startVm(ref: VmRef, clients: GcpClients = defaultGcpClients()): Promise<void> {
  return changePower(ref, "start", clients);
}

/**
 * Deletes a VM (the old colour after a red/black switch). Safe to run again: a VM that is
 * already gone counts as deleted. The name is required, unlike the read functions' "prod"
 * default, so a delete never falls back to the live VM by omission.
 */
export async function deleteVm(
  ref: { project: string; zone: string; vmName: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<{ deleted: boolean }> {
  const resource = instancePath(ref);
  try {
    const [lro] = await callGcp(clients, resource, () =>
      clients.instances.delete({ project: ref.project, zone: ref.zone, instance: ref.vmName }, clients.callOptions),
    );
    await waitForOperation(clients, resource, lro, { project: ref.project, zone: ref.zone }, "delete");
    return { deleted: true };
  } catch (err) {
    if (err instanceof GcpError && err.kind === "not-found") return { deleted: false };
    throw err;
  }
}

/** Stops or starts the VM and waits until GCP reports the operation DONE (or failed). */
async function changePower(ref: VmRef, verb: "stop" | "start", clients: GcpClients): Promise<void> {
  const resource = instancePath(ref);
  const request = { project: ref.project, zone: ref.zone, instance: ref.vmName ?? "prod" };
  const [lro] = await callGcp(clients, resource, () =>
    verb === "stop" ? clients.instances.stop(request, clients.callOptions) : clients.instances.start(request, clients.callOptions),
  );
  await waitForOperation(clients, resource, lro, { project: ref.project, zone: ref.zone }, verb);
}
