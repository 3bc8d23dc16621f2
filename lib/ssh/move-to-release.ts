import { containersNotHealthy, describeContainer } from "./container-rule";
import { listContainers } from "./list-containers";
import { moveToReleaseCommands } from "./remote-commands";
import { runOnVmChecked } from "./run-on-vm";
import type { VmCallOptions } from "./vm-call-options";
import { SshError } from "./vm-target";

/**
 * Moves the VM's deployment to `version` (the release's compose file: see
 * moveToReleaseCommands), then waits for the one-shot `migrator` to complete: it runs the
 * database migrations, and the frontends start only after it exited 0. A migrator that
 * exits non-zero (a read-only database, a jump the upgrade policy refuses) fails here with
 * its exit code, instead of a health gate timing out later.
 */
export async function moveToRelease(options: VmCallOptions & { migratorTimeoutMs?: number; pollMs?: number }, version: string): Promise<void> {
  for (const command of moveToReleaseCommands(version)) {
    await runOnVmChecked({ ...options, command, timeoutMs: options.timeoutMs ?? 15 * 60_000 }, `move the deployment to v${version}`);
  }
  const deadline = Date.now() + (options.migratorTimeoutMs ?? 30 * 60_000);
  for (;;) {
    const containers = await listContainers({ ...options, onLine: undefined });
    const migrator = containers.find((c) => c.name === "migrator");
    if (migrator?.state === "exited" && migrator.exitCode === 0) {
      const sick = containersNotHealthy(containers, { allowStarting: true });
      options.onLine?.("stdout", `migrator completed (Exited (0)); ${sick.length ? `not healthy yet: ${sick.map(describeContainer).join(", ")}` : "the other containers are up"}`);
      return;
    }
    if (migrator?.state === "exited") {
      throw new SshError("failed", `migrator exited with ${migrator.exitCode ?? "an unknown code"} while moving to v${version}: the database was not migrated`);
    }
    if (Date.now() > deadline) throw new SshError("timeout", `migrator did not complete within ${options.migratorTimeoutMs ?? 30 * 60_000} ms`);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2_000));
  }
}
