import { hideAddresses } from "../auth/hide-addresses";
import type { Instance } from "../generated/prisma/client";

/**
 * The JSON shape of an instance in the API and the UI. IPs are left out for callers who may
 * not read them (viewers); the caller decides via `includeIps`.
 */
export interface InstanceView {
  slug: string;
  displayName: string;
  gcpProjectId: string;
  region: string;
  zone: string;
  machineType: string;
  /** The VM serving users: `prod` (built by hand) or the live colour's `prod-red` / `prod-black`. */
  vmName: string;
  dataDiskSizeGb: number;
  version: string;
  status: Instance["status"];
  accessMode: Instance["accessMode"];
  allowlistCidrs: string[];
  domain: string;
  externalUrl: string;
  globalIp: string | null;
  natIps: string[];
  health: Instance["health"];
  healthCheckedAt: string | null;
  healthSince: string | null;
  healthChecks: unknown;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function toInstanceView(i: Instance, opts: { includeIps: boolean }): InstanceView {
  return {
    slug: i.slug,
    displayName: i.displayName,
    gcpProjectId: i.gcpProjectId,
    region: i.region,
    zone: i.zone,
    machineType: i.machineType,
    vmName: i.vmName,
    dataDiskSizeGb: i.dataDiskSizeGb,
    version: i.version,
    status: i.status,
    accessMode: i.accessMode,
    allowlistCidrs: opts.includeIps ? i.allowlistCidrs : [],
    domain: i.domain,
    externalUrl: i.externalUrl,
    globalIp: opts.includeIps ? i.globalIp : null,
    natIps: opts.includeIps ? i.natIps : [],
    health: i.health,
    healthCheckedAt: i.healthCheckedAt?.toISOString() ?? null,
    healthSince: i.healthSince?.toISOString() ?? null,
    // Check results quote URLs and errors, which may name the instance's addresses.
    healthChecks: opts.includeIps ? i.healthChecks : hideAddresses(i.healthChecks),
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
