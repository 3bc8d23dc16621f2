"use client";
import type { BackupPolicy } from "@/lib/lifecycle/backup-policy";
import { fieldErrorsOf, generalErrorOf } from "../ui/form-field";
import { PolicyFields, readPolicyForm } from "./policy-fields";
import { useFleetBackupPolicy } from "./use-fleet-backup-policy";
import { useSaveFleetBackupPolicy } from "./use-save-fleet-backup-policy";

/** `/settings/backups`: the fleet's backup policy; admins change it, everyone reads it. */
export function FleetBackupPolicyForm({ canEdit }: { canEdit: boolean }) {
  const { data, error, isPending } = useFleetBackupPolicy();
  const save = useSaveFleetBackupPolicy();
  if (isPending) return <p className="text-sm text-slate-500">Loading the policy…</p>;
  if (error) return <p className="text-sm text-red-700" role="alert">{error.message}</p>;
  const { policy } = data;
  const general = generalErrorOf(save.error);
  return (
    <form
      key={policy.updatedAt ?? "seed"}
      className="max-w-2xl space-y-3 rounded border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(readPolicyForm(e.currentTarget) as unknown as BackupPolicy);
      }}
    >
      <PolicyFields idPrefix="fleet" values={policy} errors={fieldErrorsOf(save.error)} disabled={!canEdit} />
      <p className="text-xs text-slate-500">
        Last changed by {policy.updatedBy}{policy.updatedAt ? ` on ${new Date(policy.updatedAt).toLocaleString()}` : ""}. Instances may override any of these on their page.
      </p>
      {canEdit ? (
        <div className="flex items-center gap-3">
          <button type="submit" disabled={save.isPending} className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50" data-testid="fleet-policy-save">Save</button>
          {save.isSuccess && <span className="text-sm text-green-800" role="status">Saved.</span>}
          {general && <span className="text-sm text-red-700" role="alert">{general}</span>}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Only admins can change the fleet&apos;s policy.</p>
      )}
    </form>
  );
}
