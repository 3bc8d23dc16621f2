import { GcpError, getVmStatus, listCertificateStatus, type GcpClients } from "../gcp";
import { couldNotRun, fail, frontendThroughIap, judgeCertificate, judgeContainers, pass, runCheck, runProbe, type Finding } from "./instance-checks";
import type { CheckKey, CheckResult, HealthTarget } from "./types";
import type { VmInventory } from "./vm-inventory";
import { readVmReport, staleReport, type VmReport } from "./vm-report";
import { withDeadline } from "./with-deadline";

/** What the loop's checks share: the health GCP clients, the fleet's VM states, and counters. */
export interface FleetCheckContext {
  gcp: GcpClients;
  inventory: VmInventory;
  /** Fallbacks taken: SSH sessions (`docker ps`) and IAP tunnels, for VMs that publish no report. */
  counters: { reports: number; sshFallbacks: number; iapFallbacks: number; vmReadsPerProject: number };
}

type ReportRead = { ok: true; report: VmReport | null } | { ok: false; error: string };

/**
 * One instance's round in the worker's loop, without SSH: the VM's status from the asset
 * inventory (its own `instances.get` when it is not there), the certificate from one list
 * call, containers from the VM's health report (guest attributes), and /healthz then
 * /__version over one keep-alive connection to the public URL, or, for an IP-allowlisted
 * instance, from the report. A VM that publishes no report (built by hand) is checked the
 * old way: `docker ps` over SSH, the frontend through an IAP tunnel. "Check now" keeps
 * using SSH and IAP for everything (check-instance-now.ts).
 */
export async function runFleetChecks(target: HealthTarget, ctx: FleetCheckContext, timeoutMs: number): Promise<CheckResult[]> {
  const report: Promise<ReportRead> = withDeadline(timeoutMs, () => readVmReport(target, ctx.gcp)).then(
    (r) => {
      if (r) ctx.counters.reports++;
      return { ok: true as const, report: r };
    },
    (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
  );
  const vmCheck = runProbe("vm", timeoutMs, () => vmFinding(target, ctx));
  // No report from a VM that is not running is expected: nothing to fall back to SSH or IAP for.
  const reportOrVm = report.then(async (r): Promise<ReportRead> => {
    if (!r.ok || r.report) return r;
    const vm = await vmCheck;
    return vm.outcome === "pass" ? r : { ok: false, error: `no health report, and ${vm.outcome === "fail" ? vm.message : "the VM's status is unknown"}` };
  });
  const [vm, certificate, containers, frontend] = await Promise.all([
    vmCheck,
    runProbe("certificate", timeoutMs, () => certificateFinding(target, ctx.gcp)),
    reportOrVm.then((r) => containersCheck(target, r, ctx, timeoutMs)),
    target.accessMode === "ip_allowlist" ? reportOrVm.then((r) => allowlistedFrontend(target, r, ctx, timeoutMs)) : publicFrontend(target, timeoutMs),
  ]);
  return [vm, frontend[0], frontend[1], certificate, containers];
}

async function vmFinding(t: HealthTarget, ctx: FleetCheckContext): Promise<Finding> {
  const listed = await ctx.inventory.statusOf({ project: t.gcpProjectId, zone: t.zone, vmName: t.vmName });
  if (listed) return listed === "RUNNING" ? pass(`VM ${t.vmName} is RUNNING (asset inventory)`) : fail(`VM ${t.vmName} is ${listed} (asset inventory)`);
  ctx.counters.vmReadsPerProject++;
  try {
    const status = await getVmStatus({ project: t.gcpProjectId, zone: t.zone, vmName: t.vmName }, ctx.gcp);
    return status === "RUNNING" ? pass(`VM ${t.vmName} is RUNNING`) : fail(`VM ${t.vmName} is ${status}`);
  } catch (e) {
    if (e instanceof GcpError && e.kind === "not-found") return fail(`VM ${t.vmName} not found`);
    throw e;
  }
}

const certificateFinding = (t: HealthTarget, gcp: GcpClients) => judgeCertificate(() => listCertificateStatus({ project: t.gcpProjectId }, gcp));

function containersCheck(t: HealthTarget, read: ReportRead, ctx: FleetCheckContext, timeoutMs: number): Promise<CheckResult> {
  if (!read.ok) return Promise.resolve(couldNotRun("containers", `reading the VM's health report: ${read.error}`));
  if (!read.report) {
    ctx.counters.sshFallbacks++;
    return runCheck("containers", t, timeoutMs);
  }
  const report = read.report;
  return runProbe("containers", timeoutMs, async () => {
    const stale = staleReport(report);
    if (stale) return { outcome: "error", message: `could not check: ${stale}` };
    return judgeContainers(report.containers, " (health report)");
  });
}

/** Sequential on purpose: /__version reuses /healthz's keep-alive connection. */
async function publicFrontend(t: HealthTarget, timeoutMs: number): Promise<CheckResult[]> {
  const healthz = await runCheck("healthz", t, timeoutMs);
  return [healthz, await runCheck("version", t, timeoutMs)];
}

/** An allowlist refuses the workers at the public URL: the VM's own report of Caddy's answers, else IAP. */
function allowlistedFrontend(t: HealthTarget, read: ReportRead, ctx: FleetCheckContext, timeoutMs: number): Promise<CheckResult[]> {
  const keys: CheckKey[] = ["healthz", "version"];
  if (!read.ok) return Promise.resolve(keys.map((k) => couldNotRun(k, `reading the VM's health report: ${read.error}`)));
  if (!read.report) {
    ctx.counters.iapFallbacks++;
    return frontendThroughIap(t, timeoutMs);
  }
  const report = read.report;
  const stale = staleReport(report);
  return Promise.all([
    runProbe("healthz", timeoutMs, async () => {
      if (stale) return { outcome: "error", message: `could not check: ${stale}` };
      if (report.healthz === 200) return pass("ok (health report, from the VM)");
      return fail(report.healthz === null ? "nothing answers on the VM's port 80 (health report)" : `HTTP ${report.healthz} on the VM (health report)`);
    }),
    runProbe("version", timeoutMs, async () => {
      if (stale) return { outcome: "error", message: `could not check: ${stale}` };
      if (!report.version) return fail("the VM's /__version did not answer (health report)");
      return report.version === t.version ? pass(`reports ${report.version} (health report)`) : fail(`reports ${report.version}, on record ${t.version} (health report)`);
    }),
  ]);
}
