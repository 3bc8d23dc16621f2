import type { ContainerStatus } from "./parse-containers";

/**
 * The one rule for "is this container healthy", used by provisioning's container step, the
 * upgrade health gate and the health loop (deploy-sourcegraph-docker, REALITY.md):
 * - healthy: running and healthy (or without a healthcheck); a one-shot container that
 *   completed, like `migrator` at `Exited (0)`;
 * - starting: running, healthcheck still starting (not ready yet, not broken);
 * - unhealthy: `Exited` with a non-zero code, `restarting`, `unhealthy`, anything else.
 */
export type ContainerVerdict = "healthy" | "starting" | "unhealthy";

export function judgeContainer(c: ContainerStatus): ContainerVerdict {
  if (c.state === "running") return c.health === "unhealthy" ? "unhealthy" : c.health === "starting" ? "starting" : "healthy";
  if (c.state === "exited" && c.exitCode === 0) return "healthy";
  return "unhealthy";
}

/** How a container that is not healthy is described in logs and health messages. */
export function describeContainer(c: ContainerStatus): string {
  if (c.state === "running") return `${c.name} is ${c.health}`;
  if (c.state === "exited") return `${c.name} exited with ${c.exitCode ?? "an unknown code"}`;
  return `${c.name} is ${c.state}`;
}

/** The containers that are not healthy; `starting` ones count unless `allowStarting`. */
export function containersNotHealthy(list: readonly ContainerStatus[], opts: { allowStarting?: boolean } = {}): ContainerStatus[] {
  return list.filter((c) => {
    const v = judgeContainer(c);
    return v === "unhealthy" || (v === "starting" && !opts.allowStarting);
  });
}
