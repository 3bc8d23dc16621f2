"use client";
import { fieldErrorsOf, generalErrorOf } from "../ui/form-field";
import { PolicyFields, readPolicyForm } from "./policy-fields";
import { useInstanceBackupPolicy } from "./use-instance-backup-policy";
import { useSaveInstanceBackupPolicy } from "./use-save-instance-backup-policy";

/** The instance's backup policy: its own values where set, the fleet's otherwise (empty field). */
export function InstanceBackupPolicyForm({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const { data, error, isPending } = useInstanceBackupPolicy(slug);
  const save = useSaveInstanceBackupPolicy(slug);
  if (isPending) return <p className="text-sm text-slate-500">Loading the backup policy…</p>;
  if (error) return <p className="text-sm text-red-700" role="alert">{error.message}</p>;
  const e = data.effective;
  const general = generalErrorOf(save.error);
  return (
    <details className="text-sm" data-testid="instance-backup-policy">
      <summary className="cursor-pointer text-slate-700">
        Backup policy: every {e.everyDays} days, kept {e.retentionDays} days; upgrade snapshots {e.upgradeRetentionDays} days, the last {e.keepUpgradeSnapshots}
        {data.override ? " (this instance's own)" : " (the fleet's)"}
      </summary>
      <form
        key={JSON.stringify(data.override)}
        className="mt-2 space-y-2"
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate(readPolicyForm(ev.currentTarget));
        }}
      >
        <PolicyFields idPrefix="instance" values={data.override ?? {}} placeholders={data.fleet} errors={fieldErrorsOf(save.error)} disabled={!canEdit} />
        {canEdit && (
          <div className="flex items-center gap-3">
            <button type="submit" disabled={save.isPending} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">Save (empty: the fleet&apos;s value)</button>
            {general && <span className="text-red-700" role="alert">{general}</span>}
          </div>
        )}
      </form>
    </details>
  );
}
