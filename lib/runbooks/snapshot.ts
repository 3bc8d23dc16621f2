import { implementRunbook } from "./implement-runbook";
import { snapshotMetadata } from "./metadata/lifecycle";
import { deleteSnapshot, listSnapshots } from "../gcp";
import { backupPolicy } from "../lifecycle/backup-policy";
import { expiredSnapshots } from "../lifecycle/expired-snapshots";
import { snapshotServingDisk } from "../lifecycle/snapshot-serving-disk";
import { instanceOf } from "../upgrades/deployment";



/**
 * A snapshot of the serving data disk (by hand, or the weekly schedule's), kept for the
 * backup policy's retention, then pruning of this instance's expired snapshots. The disk is
 * snapshotted while in use: crash-consistent, as the handbook's weekly backups were.
 */
export const snapshotRunbook = implementRunbook(snapshotMetadata, {
  steps: (p) => [
    {
      key: "snapshot",
      async run(ctx) {
        const snap = await snapshotServingDisk(ctx, p.reason, backupPolicy().retentionDays);
        return { detail: { snapshot: snap.name, diskSizeGb: snap.diskSizeGb, expires: snap.labels.expires } };
      },
    },
    {
      key: "prune",
      async run(ctx) {
        const i = instanceOf(ctx);
        const expired = expiredSnapshots(await listSnapshots({ project: i.gcpProjectId }), backupPolicy());
        for (const s of expired) {
          await deleteSnapshot({ project: i.gcpProjectId, name: s.name });
          ctx.log(`pruned ${s.name} (${s.labels.purpose ?? "?"}, ${s.labels.expires ? `expired ${s.labels.expires}` : `taken ${s.createdAt}`})`);
        }
        if (!expired.length) ctx.log("nothing has expired");
        return { detail: { pruned: expired.map((s) => s.name) } };
      },
    },
  ],
});
