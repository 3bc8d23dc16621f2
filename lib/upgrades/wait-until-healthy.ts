import { config } from "../config/load-config";
import { containersNotHealthy, describeContainer, listContainers } from "../ssh";
import { checkHealthz, getVersion } from "../sourcegraph";
import type { StepContext } from "../runbooks/types";
import { StepError } from "../runbooks/types";
import { vmOptions, withSourcegraph } from "./deployment";

const timeoutMs = () => config().UPGRADE_HEALTH_TIMEOUT_MS;
const pollMs = () => config().UPGRADE_HEALTH_POLL_MS;

/**
 * The health gate on one VM (default the serving one), reached directly through IAP, not
 * through the load balancer (which still serves the old colour): containers healthy by the
 * one rule, /healthz 200 and /__version equal to the target, or a clear failure.
 */
export async function waitUntilHealthy(ctx: StepContext, version: string, vm?: string): Promise<{ version: string; containers: number }> {
  return withSourcegraph(ctx, vm, ({ baseUrl }) => gate(ctx, version, baseUrl, vm));
}

async function gate(ctx: StepContext, version: string, baseUrl: string, vm: string | undefined): Promise<{ version: string; containers: number }> {
  const deadline = Date.now() + timeoutMs();
  let problem = "";
  for (;;) {
    const containers = await listContainers(vmOptions(ctx, vm));
    const sick = containersNotHealthy(containers);
    const health = await checkHealthz(baseUrl, { signal: ctx.signal });
    const reported = health.ok ? await getVersion(baseUrl, { signal: ctx.signal }).catch((e: Error) => `unknown (${e.message})`) : "unknown";
    if (!sick.length && health.ok && reported === version) {
      ctx.log(`${containers.length} containers healthy, /healthz ok, /__version ${reported}`);
      return { version: reported, containers: containers.length };
    }
    problem = [
      sick.length ? `containers not healthy: ${sick.map(describeContainer).join(", ")}` : "",
      health.ok ? "" : `/healthz: ${health.detail}`,
      health.ok && reported !== version ? `/__version is ${reported}, expected ${version}` : "",
    ].filter(Boolean).join("; ");
    ctx.log(`not ready yet: ${problem}`);
    if (Date.now() + pollMs() > deadline || ctx.signal.aborted) break;
    await new Promise((r) => setTimeout(r, pollMs()));
  }
  throw new StepError(`the deployment did not become healthy on ${version}: ${problem}`, "Look at the containers' logs on the VM (docker logs), then retry or cancel.");
}
