import { z } from "zod";

/**
 * The backup policy (handbook: weekly snapshots kept 90 days, upgrade snapshots kept a year,
 * prune older than 5 upgrades). Fleet-wide in `fleet_backup_policy`, overridable per instance
 * in `instance_backup_policy`; read where it is used (lib/lifecycle/read-backup-policy.ts).
 */
export interface BackupPolicy {
  /** A scheduled snapshot of each active instance this often. */
  everyDays: number;
  /** Scheduled and manual snapshots are pruned after this many days. */
  retentionDays: number;
  /** Upgrade snapshots are pruned after this many days… */
  upgradeRetentionDays: number;
  /** …and once this many newer upgrade snapshots exist. */
  keepUpgradeSnapshots: number;
}

export const POLICY_FIELDS = ["everyDays", "retentionDays", "upgradeRetentionDays", "keepUpgradeSnapshots"] as const;

/** The handbook's figures, also seeded by the migration. */
export const HANDBOOK_POLICY: BackupPolicy = { everyDays: 7, retentionDays: 90, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 };

const days = (name: string, max: number) =>
  z.int({ error: `${name} must be a whole number of days` }).min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`);

/** Bounds: a snapshot at least once a year; nothing kept more than ten years. */
const fields = {
  everyDays: days("everyDays", 365),
  retentionDays: days("retentionDays", 3650),
  upgradeRetentionDays: days("upgradeRetentionDays", 3650),
  keepUpgradeSnapshots: z.int({ error: "keepUpgradeSnapshots must be a whole number" }).min(1, "keepUpgradeSnapshots must be at least 1").max(100, "keepUpgradeSnapshots must be at most 100"),
};

const keptLongEnough = (p: Partial<BackupPolicy>, ctx: z.RefinementCtx) => {
  // A snapshot pruned before the next one is taken leaves days with no backup at all.
  if (p.everyDays !== undefined && p.retentionDays !== undefined && p.retentionDays < p.everyDays) {
    ctx.addIssue({ code: "custom", path: ["retentionDays"], message: "retentionDays must be at least everyDays (or there are days without any snapshot)" });
  }
};

/** `PUT /api/settings/backup-policy`: the whole fleet policy. */
export const fleetBackupPolicySchema = z.object(fields).strict().superRefine(keptLongEnough);

/** `PUT /api/instances/{slug}/backup-policy`: each field a value, or null for the fleet's. */
export const instanceBackupPolicySchema = z
  .object({
    everyDays: fields.everyDays.nullable(),
    retentionDays: fields.retentionDays.nullable(),
    upgradeRetentionDays: fields.upgradeRetentionDays.nullable(),
    keepUpgradeSnapshots: fields.keepUpgradeSnapshots.nullable(),
  })
  .partial()
  .strict();

export type InstanceBackupOverride = { [K in keyof BackupPolicy]?: number | null };

/** The instance's value where it has one, the fleet's otherwise. */
export function effectivePolicy(fleet: BackupPolicy, override: InstanceBackupOverride | null | undefined): BackupPolicy {
  return {
    everyDays: override?.everyDays ?? fleet.everyDays,
    retentionDays: override?.retentionDays ?? fleet.retentionDays,
    upgradeRetentionDays: override?.upgradeRetentionDays ?? fleet.upgradeRetentionDays,
    keepUpgradeSnapshots: override?.keepUpgradeSnapshots ?? fleet.keepUpgradeSnapshots,
  };
}

/** An override combined with the fleet policy must still keep snapshots at least as long as the interval. */
export function checkEffectivePolicy(policy: BackupPolicy): { field: string; message: string } | null {
  return policy.retentionDays < policy.everyDays
    ? { field: "retentionDays", message: `snapshots would be kept ${policy.retentionDays} days but taken every ${policy.everyDays}: there would be days without any snapshot` }
    : null;
}
