import type { Db, EmulatedInstance } from "../sourcegraph/instance-record";
import { notEmulated, type RemoteResult } from "./remote-result";

/** Where the deployment module attaches the data disk (deviceName docker-data). */
export const DATA_DEVICE = "/dev/disk/by-id/google-docker-data";
const BLOCKS_PER_GB = 262_144; // 4k blocks

/**
 * `resize2fs /dev/disk/by-id/google-docker-data`, e2fsprogs' words: a disk grown with
 * disks.resize keeps its filesystem's size (the GCP emulator remembers it) until this grows
 * it online to the disk's new size; run again, it has nothing to do.
 */
export async function runResize2fs(db: Db, instance: EmulatedInstance, argv: string[]): Promise<RemoteResult> {
  if (argv.length !== 2 || argv[1] !== DATA_DEVICE) return notEmulated(argv, `only \`resize2fs ${DATA_DEVICE}\` is emulated`);
  const disk = instance.database;
  if (disk?.kind !== "disk") return notEmulated(argv, "resize2fs needs a VM with a data disk in the GCP emulator");
  const key = [disk.project, `zones/${disk.zone}`, disk.disk];
  const { rows } = await db.query<{ kind: string; size: string }>(
    `SELECT kind, data->>'sizeGb' AS size FROM gcp_emulator.resource WHERE project = $1 AND location = $2 AND name = $3 AND kind IN ('disk', 'filesystem')`,
    key,
  );
  const diskGb = Number(rows.find((r) => r.kind === "disk")?.size ?? 0);
  const fsGb = Number(rows.find((r) => r.kind === "filesystem")?.size ?? diskGb);
  const head = "resize2fs 1.47.0 (5-Feb-2023)";
  if (fsGb >= diskGb) return { exitCode: 0, stdout: [], stderr: [head, `The filesystem is already ${diskGb * BLOCKS_PER_GB} (4k) blocks long.  Nothing to do!`] };
  await db.query(`DELETE FROM gcp_emulator.resource WHERE project = $1 AND location = $2 AND name = $3 AND kind = 'filesystem'`, key);
  return {
    exitCode: 0,
    stdout: [],
    stderr: [head, `Filesystem at /dev/sdb is mounted on /mnt/docker-data; on-line resizing required`, `The filesystem on /dev/sdb is now ${diskGb * BLOCKS_PER_GB} (4k) blocks long.`],
  };
}
