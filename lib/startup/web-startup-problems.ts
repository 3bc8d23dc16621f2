import { parseFourEyes } from "../approvals/four-eyes-setting";
import { signInConfigProblems } from "../auth/sign-in-settings";
import { parseTrustProxy } from "../http/trust-proxy";
import { provisioningConfigProblems } from "../provisioning/settings";

import type { Config } from "../config/load-config";

/** Set by server.ts, the web's entry point, which records each request's socket address. */
export const WEB_SERVER_MARKER = "MANAGED_INSTANCES_WEB_SERVER";

/**
 * Everything that stops the web from starting, each problem with what to set, listed at
 * once. Sign-in is checked in demo mode too (demo sign-in must never meet production
 * settings); provisioning and the entry point only outside it.
 */
export function webStartupProblems(c: Config): string[] {
  const demo = c.DEMO_MODE;
  const problems = [...signInConfigProblems(c)];
  const trust = parseTrustProxy(c.TRUST_PROXY);
  if (trust.problem) problems.push(trust.problem);
  // A mistyped FOUR_EYES must stop the start, not silently let people approve their own jobs.
  try {
    parseFourEyes(c.FOUR_EYES);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  if (!demo) {
    if (!c.MANAGED_INSTANCES_WEB_SERVER) {
      problems.push(
        "the web was not started by server.ts: start it with `npm run web`, not `next start` (server.ts records each request's socket address, which TRUST_PROXY is checked against; without it a client could choose its own address)",
      );
    }
    problems.push(...provisioningConfigProblems(c));
  }
  return problems;
}
