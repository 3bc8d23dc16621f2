import { config, type Config } from "../config/load-config";

/**
 * The backup policy (handbook: weekly snapshots kept 90 days, upgrade snapshots kept a
 * year), fleet-wide from the configuration (lib/config).
 */
export interface BackupPolicy {
  /** A scheduled snapshot of each active instance this often. */
  everyDays: number;
  /** Scheduled and manual snapshots are pruned after this many days. */
  retentionDays: number;
  /** Upgrade snapshots are pruned after this many days. */
  upgradeRetentionDays: number;
}

export function backupPolicy(c: Config = config()): BackupPolicy {
  return { everyDays: c.BACKUP_EVERY_DAYS, retentionDays: c.BACKUP_RETENTION_DAYS, upgradeRetentionDays: c.UPGRADE_SNAPSHOT_RETENTION_DAYS };
}
