import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { findInstanceRow } from "../instances/get-instance";
import { checkEffectivePolicy, effectivePolicy, type BackupPolicy, type InstanceBackupOverride } from "./backup-policy";
import { readFleetBackupPolicy, readInstanceOverride } from "./read-backup-policy";

/** `PUT /api/settings/backup-policy` (admins): the fleet's policy, audited with its old and new values. */
export async function updateFleetBackupPolicy(actor: Actor, policy: BackupPolicy) {
  await db.$transaction(async (tx) => {
    const before = await readFleetBackupPolicy(tx);
    await tx.fleetBackupPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...policy, updatedBy: actor.email }, update: { ...policy, updatedBy: actor.email } });
    await recordAudit(tx, actor, {
      action: "backup-policy.update",
      targetType: "backup_policy",
      targetId: "fleet",
      params: { ...policy, previous: { everyDays: before.everyDays, retentionDays: before.retentionDays, upgradeRetentionDays: before.upgradeRetentionDays, keepUpgradeSnapshots: before.keepUpgradeSnapshots } },
    });
  });
  return readFleetBackupPolicy();
}

/**
 * `PUT /api/instances/{slug}/backup-policy` (operators, admins): the fields given replace the
 * instance's override (null: back to the fleet's value); fields left out stay as they were.
 * Every field null removes the override. Refused (400) when the result, with the fleet's
 * values, would prune snapshots before the next is taken.
 */
export async function setInstanceBackupPolicy(actor: Actor, slug: string, change: InstanceBackupOverride) {
  const instance = await findInstanceRow(slug);
  await db.$transaction(async (tx) => {
    const current = (await readInstanceOverride(instance.id, tx)) ?? {};
    const next = { ...current, ...change };
    const problem = checkEffectivePolicy(effectivePolicy(await readFleetBackupPolicy(tx), next));
    if (problem) throw new AppError("bad_request", `invalid body: ${problem.field}: ${problem.message}`, [problem]);
    const values = { everyDays: next.everyDays ?? null, retentionDays: next.retentionDays ?? null, upgradeRetentionDays: next.upgradeRetentionDays ?? null, keepUpgradeSnapshots: next.keepUpgradeSnapshots ?? null };
    if (Object.values(values).every((v) => v === null)) await tx.instanceBackupPolicy.deleteMany({ where: { instanceId: instance.id } });
    else await tx.instanceBackupPolicy.upsert({ where: { instanceId: instance.id }, create: { instanceId: instance.id, ...values, updatedBy: actor.email }, update: { ...values, updatedBy: actor.email } });
    await recordAudit(tx, actor, { action: "instance.backup-policy-changed", targetType: "instance", targetId: instance.id, instanceSlug: instance.slug, params: { ...change } });
  });
  return instanceBackupPolicyView(slug);
}

/** `GET /api/instances/{slug}/backup-policy`: the override, the fleet's policy, and what applies. */
export async function instanceBackupPolicyView(slug: string) {
  const instance = await findInstanceRow(slug);
  const [fleet, override] = await Promise.all([readFleetBackupPolicy(), readInstanceOverride(instance.id)]);
  const { updatedBy: _by, updatedAt: _at, ...fleetPolicy } = fleet;
  return { override, fleet: fleetPolicy, effective: effectivePolicy(fleetPolicy, override) };
}
