import type { SnapshotInfo } from "../gcp";
import type { BackupPolicy } from "./backup-policy";

const DAY = 86_400_000;

/**
 * Which snapshots pruning deletes, under the instance's current policy:
 * - scheduled and manual ones whose `expires` label is before `today`, or older than the
 *   policy's retention (a shortened retention applies to snapshots already taken);
 * - upgrade snapshots (no expiry label) older than the upgrade retention, or beyond the newest
 *   `keepUpgradeSnapshots` of them (the handbook: "prune older than 5 upgrades").
 * A final snapshot and anything without our labels are never pruned.
 */
export function expiredSnapshots(snapshots: SnapshotInfo[], policy: Omit<BackupPolicy, "everyDays">, now = new Date()): SnapshotInfo[] {
  const today = now.toISOString().slice(0, 10);
  const olderThan = (s: SnapshotInfo, days: number) => !!s.createdAt && Date.parse(s.createdAt) < now.getTime() - days * DAY;
  const upgrades = snapshots.filter((s) => s.labels.purpose === "upgrade").sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const beyondKept = new Set(upgrades.slice(policy.keepUpgradeSnapshots).map((s) => s.name));
  return snapshots.filter((s) => {
    const purpose = s.labels.purpose;
    if (purpose === "scheduled" || purpose === "manual") return (!!s.labels.expires && s.labels.expires < today) || olderThan(s, policy.retentionDays);
    if (purpose === "upgrade") return olderThan(s, policy.upgradeRetentionDays) || beyondKept.has(s.name);
    return false;
  });
}
