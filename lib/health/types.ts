import type { HealthState } from "../generated/prisma/client";

export type { HealthState };

/** The checks, in the order the UI lists them. Names are what people see (and the e2e asserts). */
export const CHECKS = {
  vm: "VM status",
  healthz: "Frontend /healthz",
  version: "Version",
  certificate: "SSL certificate",
  containers: "Containers",
} as const;

export type CheckKey = keyof typeof CHECKS;

/**
 * pass: all good. fail: the check ran and found a problem. error: the check could not run
 * (API or SSH unreachable, timeout), so it says nothing about the instance.
 */
export type CheckOutcome = "pass" | "fail" | "error";

/** One check's result, as stored in instance.health_checks (the UI reads name/ok/message). */
export interface CheckResult {
  key: CheckKey;
  name: string;
  outcome: CheckOutcome;
  ok: boolean;
  message: string;
  latencyMs: number;
  checkedAt: string;
}

/** What the checks need to know about an instance. */
export interface HealthTarget {
  id: string;
  slug: string;
  gcpProjectId: string;
  zone: string;
  /** The VM serving the instance (`prod`, or the live colour's `prod-red`/`prod-black`). */
  vmName: string;
  version: string;
  externalUrl: string;
  /** `ip_allowlist` instances refuse the workers at their public URL: checked through IAP. */
  accessMode: "public_sso" | "ip_allowlist";
}
