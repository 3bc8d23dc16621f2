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
  /** The last drift check (lib/drift): null until the first. */
  drift: { status: NonNullable<Instance["driftStatus"]>; changes: number | null; summary: unknown; checkedAt: string | null; error: string | null } | null;
  /** The instance's own `site.updateCheck`, as the last refresh read it; null until then. */
  updateCheck: { pending: boolean; checkedAt: string | null; errorMessage: string | null; updateVersionAvailable: string | null; readAt: string } | null;
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
    drift: i.driftStatus
      ? {
          status: i.driftStatus,
          changes: i.driftChanges,
          summary: i.driftSummary,
          checkedAt: i.driftCheckedAt?.toISOString() ?? null,
          // Terraform's errors may quote the instance's addresses.
          error: i.driftError && !opts.includeIps ? (hideAddresses(i.driftError) as string) : i.driftError,
        }
      : null,
    updateCheck: (i.updateCheck as InstanceView["updateCheck"]) ?? null,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
