import type { protos } from "@google-cloud/compute";
import { callGcp, type GcpClients } from "./clients";
import { GcpError } from "./errors";

type Operation = protos.google.cloud.compute.v1.IOperation;

/** Where an operation lives: zonal for VMs, disks and createSnapshot; global for snapshots.insert and backend services. */
export type OperationScope = { project: string; zone: string } | { project: string; global: true };

/**
 * Waits until a compute Operation is DONE and fails with a GcpError naming `resource` if it
 * ended in error. Compute's operations are not google.longrunning ones: the client hands
 * back the raw compute Operation (`latestResponse`), which is polled with
 * `zoneOperations/globalOperations.wait` (each call returns when DONE or after ~2 minutes).
 */
export async function waitForOperation(
  clients: GcpClients,
  resource: string,
  started: { latestResponse?: unknown },
  scope: OperationScope,
  what: string,
  maxWaitMs = 10 * 60_000,
): Promise<Operation> {
  let op = started.latestResponse as Operation;
  const deadline = Date.now() + maxWaitMs;
  while (op.status !== "DONE") {
    if (Date.now() > deadline) throw new GcpError("timeout", resource, `GCP ${what} of ${resource} did not finish in time`);
    const operation = String(op.name);
    [op] = await callGcp(clients, resource, () =>
      "zone" in scope
        ? clients.zoneOperations.wait({ project: scope.project, zone: scope.zone, operation }, clients.callOptions)
        : clients.globalOperations.wait({ project: scope.project, operation }, clients.callOptions),
    );
  }
  const errors = op.error?.errors ?? [];
  if (errors.length > 0) {
    throw new GcpError("failed", resource, `GCP ${what} of ${resource} failed: ${errors.map((e) => e.message).join("; ")}`);
  }
  return op;
}
