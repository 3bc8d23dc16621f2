import { createGcpClients, GcpError, getCertificateStatus, getVmStatus, type CertificateStatus, type GcpClients } from "../gcp";
import { checkHealthz, getVersion, sourcegraphBaseUrl } from "../sourcegraph";
import { withIapTunnel } from "../iap";
import { containersNotHealthy, describeContainer, listContainers, type ContainerStatus } from "../ssh";
import { CHECKS, type CheckKey, type CheckOutcome, type CheckResult, type HealthTarget } from "./types";
import { withDeadline } from "./with-deadline";

export type Finding = { outcome: CheckOutcome; message: string };
/** `frontendUrl`: where the frontend is reached (the public URL, or an IAP tunnel's local address). */
type Probe = (target: HealthTarget & { frontendUrl: string }, signal: AbortSignal, timeoutMs: number) => Promise<Finding>;

let clients: GcpClients | undefined;

/** Health checks get their own clients: no retries (the next round is the retry) and a short deadline. */
export function gcpClients(timeoutMs: number): GcpClients {
  clients ??= createGcpClients({ callOptions: { retry: null, timeout: timeoutMs } });
  return clients;
}

export const pass = (message = "ok"): Finding => ({ outcome: "pass", message });
export const fail = (message: string): Finding => ({ outcome: "fail", message });

const PROBES: Record<CheckKey, Probe> = {
  async vm(t, _signal, timeoutMs) {
    try {
      const status = await getVmStatus({ project: t.gcpProjectId, zone: t.zone, vmName: t.vmName }, gcpClients(timeoutMs));
      return status === "RUNNING" ? pass(`VM ${t.vmName} is RUNNING`) : fail(`VM ${t.vmName} is ${status}`);
    } catch (e) {
      if (e instanceof GcpError && e.kind === "not-found") return fail(`VM ${t.vmName} not found`);
      throw e;
    }
  },
  async healthz(t, signal, timeoutMs) {
    const r = await checkHealthz(t.frontendUrl, { signal, timeoutMs });
    return r.ok ? pass() : fail(r.detail);
  },
  async version(t, signal, timeoutMs) {
    const running = await getVersion(t.frontendUrl, { signal, timeoutMs });
    return running === t.version ? pass(`reports ${running}`) : fail(`reports ${running}, on record ${t.version}`);
  },
  certificate: (t, _signal, timeoutMs) => judgeCertificate(() => getCertificateStatus({ project: t.gcpProjectId }, gcpClients(timeoutMs))),
  async containers(t, signal, timeoutMs) {
    return judgeContainers(await listContainers({ project: t.gcpProjectId, zone: t.zone, vm: t.vmName, signal, timeoutMs }));
  },
};

/** The certificate check's verdict on a status however it was read (get, or one list call per project). */
export async function judgeCertificate(read: () => Promise<CertificateStatus>): Promise<Finding> {
  try {
    const status = await read();
    if (status === "ACTIVE") return pass("managed certificate is ACTIVE");
    if (status === "SELF_MANAGED") return pass("self-managed certificate");
    return fail(`managed certificate is ${status}`);
  } catch (e) {
    if (e instanceof GcpError && e.kind === "not-found") return fail("no SSL certificate");
    throw e;
  }
}

/** The containers check's verdict on a listing, wherever it came from (SSH or the VM's health report). */
export function judgeContainers(list: readonly ContainerStatus[], source = ""): Finding {
  if (list.length === 0) return fail(`no containers${source}`);
  // A container whose healthcheck is still starting is not a problem yet: the next round sees it.
  const bad = containersNotHealthy(list, { allowStarting: true });
  if (bad.length === 0) return pass(`${list.length} containers healthy${source}`);
  return fail(bad.map(describeContainer).join(", "));
}

/** One check, never throwing: a crash or a timeout is an "error" result (the check could not run). */
export async function runCheck(key: CheckKey, target: HealthTarget, timeoutMs: number, frontendUrl = sourcegraphBaseUrl(target)): Promise<CheckResult> {
  return runProbe(key, timeoutMs, (signal) => PROBES[key]({ ...target, frontendUrl }, signal, timeoutMs));
}

/** Runs `probe` under the check's deadline and turns its finding (or failure to run) into the check's result. */
export async function runProbe(key: CheckKey, timeoutMs: number, probe: (signal: AbortSignal) => Promise<Finding>): Promise<CheckResult> {
  const started = performance.now();
  let finding: Finding;
  try {
    finding = await withDeadline(timeoutMs, probe);
  } catch (e) {
    finding = { outcome: "error", message: `could not check: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300) };
  }
  return {
    key,
    name: CHECKS[key],
    outcome: finding.outcome,
    ok: finding.outcome === "pass",
    message: finding.message.slice(0, 300),
    latencyMs: Math.round(performance.now() - started),
    checkedAt: new Date().toISOString(),
  };
}

/** Every check of one instance, in parallel: the run takes as long as the slowest, at most the deadline. */
export async function runInstanceChecks(target: HealthTarget, timeoutMs: number): Promise<CheckResult[]> {
  const keys = Object.keys(CHECKS) as CheckKey[];
  if (target.accessMode !== "ip_allowlist") return Promise.all(keys.map((key) => runCheck(key, target, timeoutMs)));
  const others = Promise.all(keys.filter((k) => !FRONTEND_KEYS.includes(k)).map((key) => runCheck(key, target, timeoutMs)));
  const [rest, front] = await Promise.all([others, frontendThroughIap(target, timeoutMs)]);
  const byKey = new Map([...rest, ...front].map((r) => [r.key, r]));
  return keys.map((k) => byKey.get(k)!);
}

export const FRONTEND_KEYS: readonly CheckKey[] = ["healthz", "version"];

/**
 * /healthz and /__version of an IP-allowlisted instance: the allowlist refuses the workers'
 * address at the public URL (that is it working), so they go to Caddy on the VM through one
 * IAP tunnel, opened for this round.
 */
export function frontendThroughIap(target: HealthTarget, timeoutMs: number): Promise<CheckResult[]> {
  return withDeadline(timeoutMs, (signal) =>
    withIapTunnel({ project: target.gcpProjectId, zone: target.zone, vm: target.vmName, signal, readyTimeoutMs: timeoutMs }, (baseUrl) =>
      Promise.all(FRONTEND_KEYS.map((key) => runCheck(key, target, timeoutMs, baseUrl))),
    ),
  ).catch((e: unknown) => FRONTEND_KEYS.map((key) => couldNotRun(key, `through IAP: ${e instanceof Error ? e.message : String(e)}`)));
}

export function couldNotRun(key: CheckKey, why: string): CheckResult {
  return { key, name: CHECKS[key], outcome: "error", ok: false, message: `could not check: ${why}`.slice(0, 300), latencyMs: 0, checkedAt: new Date().toISOString() };
}
