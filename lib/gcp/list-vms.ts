import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { lastSegment } from "./resource-url";

export interface VmInfo {
  name: string;
  zone: string;
  status: string;
  /** Bare machine type, e.g. n1-standard-8. */
  machineType: string;
  /** Attached disks: the boot disk first, as GCP lists them. */
  disks: { name: string; boot: boolean }[];
  labels: Record<string, string>;
}

/** The VMs of one project in one zone (`instances.list`, every page). */
export async function listVms(ref: { project: string; zone: string }, clients: GcpClients = defaultGcpClients()): Promise<VmInfo[]> {
  const resource = `projects/${ref.project}/zones/${ref.zone}/instances`;
  return callGcp(clients, resource, async () => {
    const out: VmInfo[] = [];
    for await (const vm of clients.instances.listAsync({ project: ref.project, zone: ref.zone }, clients.callOptions)) out.push({
      name: vm.name ?? "",
      zone: ref.zone,
      status: vm.status ?? "",
      machineType: lastSegment(vm.machineType ?? ""),
      disks: (vm.disks ?? []).map((d) => ({ name: lastSegment(d.source ?? ""), boot: d.boot === true })),
      labels: { ...(vm.labels ?? {}) },
    });
    return out;
  });
}
