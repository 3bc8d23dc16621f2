import type { CheckKey, CheckResult, HealthState } from "./types";

const DOWN_WHEN_FAILING: readonly CheckKey[] = ["vm", "healthz"];

/**
 * The overall state from the individual checks (rules in lib/health/README.md):
 * down > degraded > unknown > healthy.
 */
export function overallState(results: readonly Pick<CheckResult, "key" | "outcome">[]): HealthState {
  if (results.length === 0) return "unknown";
  const failing = results.filter((r) => r.outcome === "fail");
  if (failing.some((r) => DOWN_WHEN_FAILING.includes(r.key))) return "down";
  if (failing.length > 0) return "degraded";
  if (results.some((r) => r.outcome === "error")) return "unknown";
  return "healthy";
}

/** Names of the checks that did not pass, for events and the fleet view. */
export function failingChecks(results: readonly Pick<CheckResult, "name" | "outcome">[]): string[] {
  return results.filter((r) => r.outcome !== "pass").map((r) => r.name);
}
