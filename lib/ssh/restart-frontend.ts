import { restartFrontendCommand } from "./remote-commands";
import { runOnVmChecked } from "./run-on-vm";
import type { VmCallOptions } from "./vm-call-options";

/** Restarts the frontend containers, e.g. after an `externalURL` change asked for a restart. */
export async function restartFrontend(options: VmCallOptions): Promise<void> {
  await runOnVmChecked({ ...options, command: restartFrontendCommand() }, "restart the frontend");
}
