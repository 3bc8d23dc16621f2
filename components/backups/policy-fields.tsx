"use client";
import type { BackupPolicy } from "@/lib/lifecycle/backup-policy";
import { FieldErrors, inputClass } from "../ui/form-field";

export const POLICY_LABELS: Record<keyof BackupPolicy, { label: string; unit: string }> = {
  everyDays: { label: "Scheduled snapshot every", unit: "days" },
  retentionDays: { label: "Keep scheduled and manual snapshots", unit: "days" },
  upgradeRetentionDays: { label: "Keep upgrade snapshots", unit: "days" },
  keepUpgradeSnapshots: { label: "…and at most the last", unit: "upgrade snapshots" },
};

/** One number input per policy field; empty means "the fleet's" where `placeholders` are given. */
export function PolicyFields({ idPrefix, values, placeholders, errors, disabled }: { idPrefix: string; values: Partial<Record<keyof BackupPolicy, number | null>>; placeholders?: BackupPolicy; errors: Map<string, string[]>; disabled?: boolean }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {(Object.keys(POLICY_LABELS) as (keyof BackupPolicy)[]).map((field) => (
        <div key={field}>
          <label htmlFor={`${idPrefix}-${field}`} className="mb-1 block text-xs font-medium text-slate-600">
            {POLICY_LABELS[field].label} ({POLICY_LABELS[field].unit})
          </label>
          <input
            id={`${idPrefix}-${field}`}
            name={field}
            type="number"
            min={1}
            step={1}
            defaultValue={values[field] ?? ""}
            placeholder={placeholders ? `fleet: ${placeholders[field]}` : undefined}
            required={!placeholders}
            disabled={disabled}
            className={inputClass}
            data-testid={`${idPrefix}-${field}`}
          />
          <FieldErrors name={field} errors={errors} />
        </div>
      ))}
    </div>
  );
}

/** The form's numbers; an empty field is null (the fleet's value, for an instance). */
export function readPolicyForm(form: HTMLFormElement): Record<keyof BackupPolicy, number | null> {
  const data = new FormData(form);
  const read = (k: keyof BackupPolicy) => {
    const raw = String(data.get(k) ?? "").trim();
    return raw === "" ? null : Number(raw);
  };
  return { everyDays: read("everyDays"), retentionDays: read("retentionDays"), upgradeRetentionDays: read("upgradeRetentionDays"), keepUpgradeSnapshots: read("keepUpgradeSnapshots") };
}
