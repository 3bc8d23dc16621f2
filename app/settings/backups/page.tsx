import { FleetBackupPolicyForm } from "@/components/backups/fleet-backup-policy-form";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function BackupsPage() {
  const actor = await requirePageActor("fleet:read", "/settings/backups");
  return (
    <div className="max-w-6xl">
      <h1 className="mb-1 text-xl font-semibold">Backups</h1>
      <p className="mb-4 text-sm text-slate-600">
        The fleet&apos;s backup policy: how often each active instance&apos;s data disk is snapshotted, and how long snapshots are kept before a snapshot job prunes them. Final snapshots (taken when an instance is deleted) are never pruned.
      </p>
      <FleetBackupPolicyForm canEdit={can(actor.role, "backups:manage")} />
    </div>
  );
}
