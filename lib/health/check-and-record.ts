import { runInstanceChecks } from "./instance-checks";
import { recordHealth, type RecordedHealth } from "./record-health";
import type { CheckResult, HealthTarget } from "./types";

/** One instance's round: every check, then the result and any state change stored. */
export async function checkAndRecord(target: HealthTarget, timeoutMs: number): Promise<RecordedHealth & { results: CheckResult[] }> {
  const results = await runInstanceChecks(target, timeoutMs);
  return { ...(await recordHealth(target.id, results)), results };
}
