import { getDisk, listVms, type VmInfo } from "../gcp";
import { ZONES } from "../provisioning/options";

/** The VM names a managed deployment uses: `prod` when built by hand, `prod-red` / `prod-black` per colour. */
export const DEPLOYMENT_VM = /^prod(-red|-black)?$/;

export interface DiscoveredVms {
  vms: VmInfo[];
  /** The VM that serves (the live colour when the load balancer says so, else the only one). */
  serving: VmInfo;
  /** "hand-built" (one VM `prod`) or "colours" (prod-red / prod-black). */
  layout: "hand-built" | "colours";
  dataDisk: { name: string; sizeGb: number } | null;
}

/**
 * Finds a deployment's VMs in the zones the control plane deploys to (`instances.list` per
 * zone: hand-built deployments live in whatever zone their builder chose).
 */
export async function findDeploymentVms(project: string, servingName?: string): Promise<DiscoveredVms | null> {
  const perZone = await Promise.all(ZONES.map((zone) => listVms({ project, zone })));
  const vms = perZone.flat().filter((vm) => DEPLOYMENT_VM.test(vm.name));
  if (!vms.length) return null;
  const serving = vms.find((vm) => vm.name === servingName) ?? vms.find((vm) => vm.status === "RUNNING") ?? vms[0];
  const data = serving.disks.find((d) => !d.boot);
  const dataDisk = data ? { name: data.name, sizeGb: (await getDisk({ project, zone: serving.zone, disk: data.name })).sizeGb } : null;
  return { vms, serving, layout: serving.name === "prod" ? "hand-built" : "colours", dataDisk };
}
