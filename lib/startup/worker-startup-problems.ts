import type { Config } from "../config/load-config";
import { provisioningConfigProblems } from "../provisioning/settings";

/**
 * Everything that stops a worker from starting besides malformed values. Outside demo mode, a
 * worker that would provision with missing or offline settings stops at start, naming every
 * variable, instead of failing (or building the wrong thing) mid-job.
 */
export function workerStartupProblems(c: Config): string[] {
  return c.DEMO_MODE ? [] : provisioningConfigProblems(c);
}
