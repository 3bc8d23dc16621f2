"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ACCESS_MODE_LABELS, ACCESS_MODES, DEFAULT_DISK_GB, DEFAULT_MACHINE_TYPE, DEFAULT_ZONE, MACHINE_TYPES, MAX_DISK_GB, MIN_DISK_GB, ZONES } from "@/lib/provisioning/options";
import { Field, FieldErrors, fieldErrorsOf, generalErrorOf, inputClass as input } from "../ui/form-field";
import { useCreateInstance } from "./use-create-instance";

/** The create-instance form: the server validates; each field shows its own message. */
export function CreateInstanceForm({ versions }: { versions: string[] }) {
  const router = useRouter();
  const create = useCreateInstance();
  const [form, setForm] = useState({
    slug: "",
    displayName: "",
    version: "latest",
    machineType: DEFAULT_MACHINE_TYPE,
    dataDiskSizeGb: String(DEFAULT_DISK_GB),
    zone: DEFAULT_ZONE,
    accessMode: "public_sso",
    allowlistCidrs: "",
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const fieldErrors = fieldErrorsOf(create.error);
  const generalError = generalErrorOf(create.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const disk = form.dataDiskSizeGb.trim() === "" ? NaN : Number(form.dataDiskSizeGb);
    create.mutate(
      {
        slug: form.slug.trim(),
        displayName: form.displayName,
        version: form.version,
        machineType: form.machineType,
        // An unparseable size goes to the server as null so its message appears beside the field.
        dataDiskSizeGb: Number.isFinite(disk) ? disk : (null as unknown as number),
        zone: form.zone,
        accessMode: form.accessMode,
        allowlistCidrs: form.accessMode === "ip_allowlist" ? form.allowlistCidrs.split(/[\s,]+/).filter(Boolean) : [],
      },
      { onSuccess: (r) => router.push(`/jobs/${r.job.id}`) },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-xl space-y-4" aria-label="Create instance">
      <Field name="slug" label="Customer slug" errors={fieldErrors} hint="Lowercase letters, digits and hyphens; becomes sourcegraph-managed-<slug> and <slug>.sourcegraph.com.">
        <input id="slug" value={form.slug} onChange={set("slug")} className={`${input} font-mono`} autoComplete="off" />
      </Field>
      <Field name="displayName" label="Display name" errors={fieldErrors}>
        <input id="displayName" value={form.displayName} onChange={set("displayName")} className={input} />
      </Field>
      <Field name="version" label="Sourcegraph version" errors={fieldErrors}>
        <select id="version" value={form.version} onChange={set("version")} className={`${input} bg-white`}>
          <option value="latest">latest ({versions[versions.length - 1]})</option>
          {[...versions].reverse().map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
      </Field>
      <Field name="machineType" label="Machine type" errors={fieldErrors}>
        <select id="machineType" value={form.machineType} onChange={set("machineType")} className={`${input} bg-white`}>
          {MACHINE_TYPES.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </Field>
      <Field name="dataDiskSizeGb" label="Data disk size (GB)" errors={fieldErrors} hint={`${MIN_DISK_GB}–${MAX_DISK_GB} GB; disks can grow later, never shrink.`}>
        <input id="dataDiskSizeGb" inputMode="numeric" value={form.dataDiskSizeGb} onChange={set("dataDiskSizeGb")} className={input} />
      </Field>
      <Field name="zone" label="Zone" errors={fieldErrors}>
        <select id="zone" value={form.zone} onChange={set("zone")} className={`${input} bg-white`}>
          {ZONES.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </Field>
      <fieldset>
        <legend className="text-xs font-medium text-slate-600">Access</legend>
        {ACCESS_MODES.map((m) => (
          <label key={m} className="mr-4 inline-flex items-center gap-1 text-sm">
            <input type="radio" name="accessMode" value={m} checked={form.accessMode === m} onChange={set("accessMode")} />
            {ACCESS_MODE_LABELS[m]}
          </label>
        ))}
        <FieldErrors name="accessMode" errors={fieldErrors} />
      </fieldset>
      {form.accessMode === "ip_allowlist" && (
        <Field name="allowlistCidrs" label="Allowed CIDR blocks" errors={fieldErrors} hint="IPv4 network addresses such as 203.0.113.0/24, one per line.">
          <textarea id="allowlistCidrs" rows={4} value={form.allowlistCidrs} onChange={set("allowlistCidrs")} className={`${input} font-mono`} />
        </Field>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={create.isPending} className="rounded bg-sky-700 px-4 py-1.5 text-sm text-white disabled:opacity-50">
          {create.isPending ? "Creating…" : "Create instance"}
        </button>
        {generalError && <span className="text-sm text-red-700" role="alert">{generalError}</span>}
      </div>
    </form>
  );
}
