import type { SnapshotInfo } from "../gcp";
import type { BackupPolicy } from "./backup-policy";

/**
 * Which snapshots pruning deletes: those whose `expires` label is before `today`, and upgrade
 * snapshots (labelled `purpose: upgrade`, no expiry) older than the policy's year. A final
 * snapshot and anything without our labels are never pruned.
 */
export function expiredSnapshots(snapshots: SnapshotInfo[], policy: Pick<BackupPolicy, "upgradeRetentionDays">, now = new Date()): SnapshotInfo[] {
  const today = now.toISOString().slice(0, 10);
  const upgradeCutoff = now.getTime() - policy.upgradeRetentionDays * 86_400_000;
  return snapshots.filter((s) => {
    if (s.labels.purpose === "final") return false;
    if (s.labels.expires) return s.labels.expires < today;
    return s.labels.purpose === "upgrade" && !!s.createdAt && Date.parse(s.createdAt) < upgradeCutoff;
  });
}
