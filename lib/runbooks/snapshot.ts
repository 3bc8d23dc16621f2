import { implementRunbook } from "./implement-runbook";
import { snapshotMetadata } from "./metadata/lifecycle";
import { deleteSnapshot, listSnapshots } from "../gcp";
import { readEffectiveBackupPolicy } from "../lifecycle/read-backup-policy";
import { expiredSnapshots } from "../lifecycle/expired-snapshots";
import { snapshotServingDisk } from "../lifecycle/snapshot-serving-disk";
import { instanceOf } from "../upgrades/deployment";

/**
 * A snapshot of the serving data disk (by hand, or the weekly schedule's), kept for the
 * instance's backup policy's retention (its override, else the fleet's), then pruning of this
 * instance's expired snapshots under that policy. The disk is
 * snapshotted while in use: crash-consistent, as the handbook's weekly backups were.
 */
export const snapshotRunbook = implementRunbook(snapshotMetadata, {
  steps: (p) => [
    {
      key: "snapshot",
      async run(ctx) {
        const policy = await readEffectiveBackupPolicy(instanceOf(ctx).id);
        const snap = await snapshotServingDisk(ctx, p.reason, policy.retentionDays);
        return { detail: { snapshot: snap.name, diskSizeGb: snap.diskSizeGb, expires: snap.labels.expires } };
      },
    },
    {
      key: "prune",
      async run(ctx) {
        const i = instanceOf(ctx);
        const policy = await readEffectiveBackupPolicy(i.id);
        ctx.log(`policy: scheduled and manual snapshots kept ${policy.retentionDays} days, upgrade snapshots ${policy.upgradeRetentionDays} days and the last ${policy.keepUpgradeSnapshots}`);
        const expired = expiredSnapshots(await listSnapshots({ project: i.gcpProjectId }), policy);
        for (const s of expired) {
          await deleteSnapshot({ project: i.gcpProjectId, name: s.name });
          ctx.log(`pruned ${s.name} (${s.labels.purpose ?? "?"}, taken ${s.createdAt}${s.labels.expires ? `, labelled to expire ${s.labels.expires}` : ""})`);
        }
        if (!expired.length) ctx.log("nothing has expired");
        return { detail: { pruned: expired.map((s) => s.name) } };
      },
    },
  ],
});
