/**
 * The backup policy (handbook: weekly snapshots kept 90 days, upgrade snapshots kept a
 * year), fleet-wide from the environment; read once where it is used.
 */
export interface BackupPolicy {
  /** A scheduled snapshot of each active instance this often. */
  everyDays: number;
  /** Scheduled and manual snapshots are pruned after this many days. */
  retentionDays: number;
  /** Upgrade snapshots are pruned after this many days. */
  upgradeRetentionDays: number;
}

export function backupPolicy(env: Record<string, string | undefined> = process.env): BackupPolicy {
  return {
    everyDays: positive(env.BACKUP_EVERY_DAYS, 7),
    retentionDays: positive(env.BACKUP_RETENTION_DAYS, 90),
    upgradeRetentionDays: positive(env.UPGRADE_SNAPSHOT_RETENTION_DAYS, 365),
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isFinite(n) && n > 0 ? n : fallback;
}
