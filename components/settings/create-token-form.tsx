"use client";
import { useState, type FormEvent } from "react";
import type { ApiError } from "../api-client";

interface Props {
  onCreate: (name: string) => void;
  pending: boolean;
  error: ApiError | Error | null;
}

export function CreateTokenForm({ onCreate, pending, error }: Props) {
  const [name, setName] = useState("");
  function submit(e: FormEvent) {
    e.preventDefault();
    onCreate(name.trim());
    setName("");
  }
  const fieldError = error && "fields" in error ? error.fields.find((f) => f.field === "name")?.message : undefined;
  return (
    <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col text-xs text-slate-500">
        Token name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder="ci-deploy" className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-900" />
      </label>
      <button type="submit" disabled={pending || !name.trim()} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">
        {pending ? "Creating…" : "Create token"}
      </button>
      {error && <span className="text-red-700" role="alert">{fieldError ?? error.message}</span>}
    </form>
  );
}
