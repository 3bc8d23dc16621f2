import { getGlobalAddress, listAddresses } from "./addresses";
import { getCertificateStatus, type CertificateStatus } from "./certificates";
import { defaultGcpClients, type GcpClients } from "./clients";
import { getVmStatus, type VmStatus } from "./vm";

export interface InstanceNetwork {
  vmStatus: VmStatus;
  globalIp: string;
  /** From default-nat-manual-ip-0 and -1, in that order; a missing address is left out. */
  natIps: string[];
  certificateStatus: CertificateStatus;
}

export const NAT_ADDRESS_NAMES = ["default-nat-manual-ip-0", "default-nat-manual-ip-1"] as const;

/**
 * What the "refresh" job records about one deployment. The four reads run in parallel; the
 * first failure (a GcpError naming the resource) rejects the whole read.
 */
export async function readInstanceNetwork(
  ref: { project: string; region: string; zone: string; vmName?: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<InstanceNetwork> {
  const [vmStatus, globalAddress, addresses, certificateStatus] = await Promise.all([
    getVmStatus({ project: ref.project, zone: ref.zone, vmName: ref.vmName ?? "prod" }, clients),
    getGlobalAddress({ project: ref.project, name: "default-global-address" }, clients),
    listAddresses({ project: ref.project, region: ref.region }, clients),
    getCertificateStatus({ project: ref.project }, clients),
  ]);
  const byName = new Map(addresses.map((a) => [a.name, a.address]));
  const natIps = NAT_ADDRESS_NAMES.map((n) => byName.get(n)).filter((ip): ip is string => !!ip);
  return { vmStatus, globalIp: globalAddress.address, natIps, certificateStatus };
}
