import type { ReactNode } from "react";
import { ApiError } from "../api-client";

export const inputClass = "w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900";

/** A 400's field messages by field name (nested fields such as `window.start` under their first part too). */
export function fieldErrorsOf(error: unknown): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return errors;
  for (const f of error.fields) {
    for (const name of new Set([f.field, f.field.split(".")[0]])) errors.set(name, [...(errors.get(name) ?? []), f.message]);
  }
  return errors;
}

/** The message to show beside the submit button: anything that is not about one field. */
export function generalErrorOf(error: Error | null): string | null {
  return error && (!(error instanceof ApiError) || error.fields.length === 0) ? error.message : null;
}

export function Field({ name, label, hint, errors, children }: { name: string; label: string; hint?: string; errors: Map<string, string[]>; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-xs font-medium text-slate-600">{label}</label>
      {children}
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

export function FieldErrors({ name, errors }: { name: string; errors: Map<string, string[]> }) {
  const list = errors.get(name);
  if (!list) return null;
  return (
    <p className="mt-0.5 text-xs text-red-700" role="alert" data-testid={`error-${name}`}>
      {list.join("; ")}
    </p>
  );
}
