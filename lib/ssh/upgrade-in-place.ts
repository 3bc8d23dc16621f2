import { moveToRelease } from "./move-to-release";
import type { VmCallOptions } from "./vm-call-options";

/**
 * In-place upgrade on the live VM: the same release mechanism as a new colour uses (the
 * release's compose file, pull, up). Only for releases without database changes (the
 * handbook's rule, checked when the job is created); others go red/black.
 */
export async function upgradeInPlace(options: VmCallOptions, version: string): Promise<void> {
  await moveToRelease(options, version);
}
