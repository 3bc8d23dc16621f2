import { z } from "zod";
import { deleteSnapshot, listSnapshots } from "../gcp";
import { backupPolicy } from "../lifecycle/backup-policy";
import { expiredSnapshots } from "../lifecycle/expired-snapshots";
import { snapshotServingDisk } from "../lifecycle/snapshot-serving-disk";
import { instanceOf } from "../upgrades/deployment";
import type { Runbook } from "./types";

const snapshotParams = z
  .object({ reason: z.enum(["manual", "scheduled"], { error: "reason must be manual or scheduled" }).default("manual") })
  .strict();

/**
 * A snapshot of the serving data disk (by hand, or the weekly schedule's), kept for the
 * backup policy's retention, then pruning of this instance's expired snapshots. The disk is
 * snapshotted while in use: crash-consistent, as the handbook's weekly backups were.
 */
export const snapshotRunbook: Runbook<typeof snapshotParams> = {
  kind: "snapshot",
  title: "Snapshot the data disk (and prune expired snapshots)",
  needsInstance: true,
  params: snapshotParams,
  steps: (p) => [
    {
      key: "snapshot",
      name: "Snapshot the data disk",
      kind: "automated",
      async run(ctx) {
        const snap = await snapshotServingDisk(ctx, p.reason, backupPolicy().retentionDays);
        return { detail: { snapshot: snap.name, diskSizeGb: snap.diskSizeGb, expires: snap.labels.expires } };
      },
    },
    {
      key: "prune",
      name: "Prune expired snapshots",
      kind: "automated",
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
};
