import { getGuestAttributes, type GcpClients } from "../gcp";
import { parseContainers, type ContainerStatus } from "../ssh";
import type { HealthTarget } from "./types";

/** The guest attribute namespace the deployment module's cron job publishes in (terraform/modules/deployment/health-report.sh). */
export const REPORT_NAMESPACE = "sourcegraph";
/** The cron job reports every minute; a report this old means it stopped (the VM hangs, the cron or Docker died). */
export const REPORT_MAX_AGE_MS = 5 * 60_000;

/** What the VM last reported about itself, without SSH. */
export interface VmReport {
  containers: ContainerStatus[];
  /** HTTP status of GET /healthz on Caddy from the VM itself; null when nothing answered (000). */
  healthz: number | null;
  /** GET /__version's body from the VM itself; "" when it did not answer 2xx. */
  version: string;
  reportedAt: Date;
}

/**
 * Reads and parses the VM's health report (one `getGuestAttributes` call). Null when the VM
 * publishes none: a VM built by hand, before the module's cron job (the health loop then
 * falls back to SSH and IAP for this instance).
 */
export async function readVmReport(target: HealthTarget, clients: GcpClients): Promise<VmReport | null> {
  const values = await getGuestAttributes({ project: target.gcpProjectId, zone: target.zone, vmName: target.vmName, namespace: REPORT_NAMESPACE }, clients);
  return values ? parseVmReport(values) : null;
}

export function parseVmReport(values: ReadonlyMap<string, string>): VmReport {
  const seconds = Number(values.get("reported-at"));
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`the VM's health report has no valid time (reported-at=${JSON.stringify(values.get("reported-at") ?? null)})`);
  const code = Number(values.get("healthz") ?? "000");
  return {
    containers: parseContainers((values.get("containers") ?? "").split("\n")),
    healthz: Number.isInteger(code) && code > 0 ? code : null,
    version: (values.get("version") ?? "").trim(),
    reportedAt: new Date(seconds * 1000),
  };
}

/** How stale a report is, as a reason it cannot be trusted, or null when it is fresh. */
export function staleReport(report: VmReport, now = new Date()): string | null {
  const age = now.getTime() - report.reportedAt.getTime();
  if (age <= REPORT_MAX_AGE_MS) return null;
  return `the VM's health report is ${Math.round(age / 60_000)} min old (its cron job stopped reporting)`;
}
