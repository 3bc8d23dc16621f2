import { upgradeInPlaceCommand } from "./remote-commands";
import { runOnVmChecked } from "./run-on-vm";
import type { VmCallOptions } from "./vm-call-options";

/**
 * Switches the running deployment to `version` with `docker compose up -d`. Only for patch
 * releases without database changes (the handbook's rule); others go red/black.
 */
export async function upgradeInPlace(options: VmCallOptions, version: string): Promise<void> {
  await runOnVmChecked({ ...options, command: upgradeInPlaceCommand(version), timeoutMs: options.timeoutMs ?? 15 * 60_000 }, `switch to ${version}`);
}
