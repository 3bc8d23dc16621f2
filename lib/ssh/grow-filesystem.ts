import { runOnVmChecked } from "./run-on-vm";
import type { VmCallOptions } from "./vm-call-options";

/** Where the deployment module attaches the data disk (`device_name = "docker-data"`). */
export const DATA_DEVICE = "/dev/disk/by-id/google-docker-data";

/**
 * Grows the data disk's ext4 filesystem to the disk's new size, online (Compute Engine docs,
 * "Resizing a persistent disk": the disk grows, the filesystem does not until resize2fs).
 * Safe to run again: an already-grown filesystem is "Nothing to do!".
 */
export async function growFilesystem(options: VmCallOptions): Promise<void> {
  await runOnVmChecked({ ...options, command: ["sudo", "resize2fs", DATA_DEVICE] }, "grow the data disk's filesystem");
}
