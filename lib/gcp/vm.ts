import type { protos } from "@google-cloud/compute";
import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";

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

/** Stops or starts the VM and waits until GCP reports the operation DONE (or failed). */
async function changePower(ref: VmRef, verb: "stop" | "start", clients: GcpClients, maxWaitMs = 10 * 60_000): Promise<void> {
  const resource = instancePath(ref);
  const request = { project: ref.project, zone: ref.zone, instance: ref.vmName ?? "prod" };
  const [lro] = await callGcp(clients, resource, () =>
    verb === "stop" ? clients.instances.stop(request, clients.callOptions) : clients.instances.start(request, clients.callOptions),
  );
  // Compute's operations are not google.longrunning ones: the client hands back the raw
  // compute Operation, which is polled with zoneOperations.wait (returns when DONE or after ~2 min).
  let op = lro.latestResponse as protos.google.cloud.compute.v1.IOperation;
  const deadline = Date.now() + maxWaitMs;
  while (op.status !== "DONE") {
    if (Date.now() > deadline) throw new GcpError("timeout", resource, `GCP ${verb} of ${resource} did not finish in time`);
    [op] = await callGcp(clients, resource, () =>
      clients.zoneOperations.wait({ project: ref.project, zone: ref.zone, operation: String(op.name) }, clients.callOptions),
    );
  }
  const errors = op.error?.errors ?? [];
  if (errors.length > 0) {
    throw new GcpError("failed", resource, `GCP ${verb} of ${resource} failed: ${errors.map((e) => e.message).join("; ")}`);
  }
}
