import { setReadOnlyCommand } from "./remote-commands";
import { runOnVmChecked } from "./run-on-vm";
import type { VmCallOptions } from "./vm-call-options";

/**
 * Upgrade steps 2 and 3: marks Sourcegraph's database read-only (or writable again). Safe to
 * repeat. Takes effect for new sessions only; confirm with `probeDatabaseWrite`.
 */
export async function setDatabaseReadOnly(options: VmCallOptions, readOnly: boolean): Promise<void> {
  await runOnVmChecked(
    { ...options, command: setReadOnlyCommand(readOnly) },
    readOnly ? "mark the database read-only" : "make the database writable",
  );
}
