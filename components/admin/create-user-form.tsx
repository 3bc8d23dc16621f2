"use client";
import { useState, type FormEvent } from "react";
import { ROLES } from "@/lib/auth/permissions";
import { useCreateUser } from "./use-create-user";

/** Adds a person with a role before their first sign-in. */
export function CreateUserForm() {
  const create = useCreateUser();
  const [form, setForm] = useState({ email: "", name: "", role: "viewer" });
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(form, { onSuccess: () => setForm({ email: "", name: "", role: "viewer" }) });
  }
  const input = "rounded border border-slate-300 px-2 py-1 text-sm text-slate-900";
  return (
    <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2 text-sm" aria-label="Add a user">
      <label className="flex flex-col text-xs text-slate-500">
        Email
        <input type="email" required maxLength={254} value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} className={input} />
      </label>
      <label className="flex flex-col text-xs text-slate-500">
        Name
        <input required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} className={input} />
      </label>
      <label className="flex flex-col text-xs text-slate-500">
        Role
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} className={`${input} bg-white`}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <button type="submit" disabled={create.isPending} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">
        {create.isPending ? "Adding…" : "Add user"}
      </button>
      {create.error && <span className="text-red-700" role="alert">{create.error.message}</span>}
      {create.isSuccess && <span className="text-emerald-700" role="status">Added {create.data.user.email}.</span>}
    </form>
  );
}
