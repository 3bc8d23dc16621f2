import { db } from "../db/client";
import { effectivePolicy, HANDBOOK_POLICY, POLICY_FIELDS, type BackupPolicy, type InstanceBackupOverride } from "./backup-policy";

type Client = Pick<typeof db, "fleetBackupPolicy" | "instanceBackupPolicy">;

const pick = (row: Record<string, unknown>) => Object.fromEntries(POLICY_FIELDS.map((f) => [f, row[f]]));

/** The fleet's policy (the migration seeds its one row; the handbook's figures if someone removed it). */
export async function readFleetBackupPolicy(client: Client = db): Promise<BackupPolicy & { updatedBy: string; updatedAt: Date | null }> {
  const row = await client.fleetBackupPolicy.findUnique({ where: { id: 1 } });
  return row ? { ...(pick(row) as unknown as BackupPolicy), updatedBy: row.updatedBy, updatedAt: row.updatedAt } : { ...HANDBOOK_POLICY, updatedBy: "seed", updatedAt: null };
}

/** The instance's override (only the fields it sets) or null. */
export async function readInstanceOverride(instanceId: string, client: Client = db): Promise<InstanceBackupOverride | null> {
  const row = await client.instanceBackupPolicy.findUnique({ where: { instanceId } });
  return row ? (pick(row) as InstanceBackupOverride) : null;
}

/** What the schedule and pruning apply to one instance: its override, else the fleet's. */
export async function readEffectiveBackupPolicy(instanceId: string, client: Client = db): Promise<BackupPolicy> {
  const [fleet, override] = await Promise.all([readFleetBackupPolicy(client), readInstanceOverride(instanceId, client)]);
  return effectivePolicy(fleet, override);
}
