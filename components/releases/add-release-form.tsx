"use client";
import { useState, type FormEvent } from "react";
import { DATABASE_SCHEMAS } from "@/lib/releases/release-schema";
import { FieldErrors, fieldErrorsOf, generalErrorOf } from "../ui/form-field";
import { useAddRelease, type AddReleaseBody } from "./use-add-release";

const EMPTY = { version: "", deployRef: "", publishedAt: "", notesUrl: "", databaseChanges: true, changedSchemas: [] as string[] };

/** Adds a release (admins): upgrades and waves may target it as soon as it is saved. */
export function AddReleaseForm() {
  const add = useAddRelease();
  const [form, setForm] = useState(EMPTY);
  const errors = fieldErrorsOf(add.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    const body: AddReleaseBody = {
      version: form.version.trim(),
      databaseChanges: form.databaseChanges,
      changedSchemas: form.databaseChanges ? form.changedSchemas : [],
      ...(form.deployRef.trim() ? { deployRef: form.deployRef.trim() } : {}),
      ...(form.publishedAt ? { publishedAt: form.publishedAt } : {}),
      ...(form.notesUrl.trim() ? { notesUrl: form.notesUrl.trim() } : {}),
    };
    add.mutate(body, { onSuccess: () => setForm(EMPTY) });
  }
  const input = "rounded border border-slate-300 px-2 py-1 text-sm text-slate-900";
  const text = (name: "version" | "deployRef" | "notesUrl", label: string, placeholder: string) => (
    <label className="flex flex-col text-xs text-slate-500">
      {label}
      <input name={name} value={form[name]} placeholder={placeholder} maxLength={500} onChange={(e) => setForm({ ...form, [name]: e.target.value })} className={input} />
      <FieldErrors name={name} errors={errors} />
    </label>
  );
  return (
    <form onSubmit={submit} noValidate className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Add a release">
      {text("version", "Version", "5.11.0")}
      {text("deployRef", "Deploy ref (default v<version>)", "v5.11.0")}
      <label className="flex flex-col text-xs text-slate-500">
        Published
        <input type="date" name="publishedAt" value={form.publishedAt} onChange={(e) => setForm({ ...form, publishedAt: e.target.value })} className={input} />
        <FieldErrors name="publishedAt" errors={errors} />
      </label>
      {text("notesUrl", "Release notes (https)", "https://sourcegraph.com/docs/CHANGELOG")}
      <fieldset className="flex flex-col text-xs text-slate-500">
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" name="databaseChanges" checked={form.databaseChanges} onChange={(e) => setForm({ ...form, databaseChanges: e.target.checked })} /> changes the database
        </label>
        {form.databaseChanges && (
          <span className="flex gap-2">
            {DATABASE_SCHEMAS.map((s) => (
              <label key={s} className="inline-flex items-center gap-1">
                <input type="checkbox" checked={form.changedSchemas.includes(s)} onChange={(e) => setForm({ ...form, changedSchemas: e.target.checked ? [...form.changedSchemas, s] : form.changedSchemas.filter((x) => x !== s) })} /> {s}
              </label>
            ))}
          </span>
        )}
        <FieldErrors name="changedSchemas" errors={errors} />
      </fieldset>
      <button type="submit" disabled={add.isPending} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">{add.isPending ? "Adding…" : "Add release"}</button>
      {generalErrorOf(add.error) && <span className="text-red-700" role="alert">{generalErrorOf(add.error)}</span>}
      {add.isSuccess && <span className="text-emerald-700" role="status">Added {add.data.release.version}.</span>}
    </form>
  );
}
