"use client";
import { useState, type FormEvent } from "react";
import { EVENT_KINDS, type EventKind } from "@/lib/notify/event-kinds";
import { Field, fieldErrorsOf, generalErrorOf, inputClass } from "../ui/form-field";
import type { NewChannel } from "./use-create-channel";

const EMPTY = { name: "", kind: "webhook" as "slack" | "webhook", url: "", signingSecret: "", eventKinds: [] as string[], instances: "" };

/** Adds a channel: Slack incoming webhook or signed JSON webhook, with its filters. */
export function ChannelForm({ onCreate, pending, error }: { onCreate: (c: NewChannel, done: () => void) => void; pending: boolean; error: Error | null }) {
  const [form, setForm] = useState(EMPTY);
  const errors = fieldErrorsOf(error);
  const general = generalErrorOf(error);
  function submit(e: FormEvent) {
    e.preventDefault();
    const instances = form.instances.split(/[\s,]+/).filter(Boolean);
    onCreate(
      { name: form.name, kind: form.kind, url: form.url, eventKinds: form.eventKinds, instances, ...(form.kind === "webhook" && form.signingSecret ? { signingSecret: form.signingSecret } : {}) },
      () => setForm(EMPTY),
    );
  }
  const toggle = (k: string) => setForm({ ...form, eventKinds: form.eventKinds.includes(k) ? form.eventKinds.filter((x) => x !== k) : [...form.eventKinds, k] });
  return (
    <form onSubmit={submit} aria-label="Add a channel" className="mb-4 grid grid-cols-1 gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-2">
      <Field name="name" label="Name" errors={errors}>
        <input id="name" required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} className={inputClass} />
      </Field>
      <Field name="kind" label="Kind" errors={errors}>
        <select id="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as "slack" | "webhook" })} className={`${inputClass} bg-white`}>
          <option value="webhook">JSON webhook (signed)</option>
          <option value="slack">Slack incoming webhook</option>
        </select>
      </Field>
      <Field name="url" label="URL" hint="Stored in the secret store; never shown again after saving." errors={errors}>
        <input id="url" required maxLength={2000} value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} placeholder={form.kind === "slack" ? "https://hooks.slack.com/services/…" : "https://…"} className={inputClass} autoComplete="off" />
      </Field>
      {form.kind === "webhook" && (
        <Field name="signingSecret" label="Signing key (optional)" hint="Leave empty to have one generated and shown once." errors={errors}>
          <input id="signingSecret" type="password" maxLength={256} value={form.signingSecret} onChange={(e) => setForm({ ...form, signingSecret: e.target.value })} className={inputClass} autoComplete="new-password" />
        </Field>
      )}
      <fieldset className="md:col-span-2">
        <legend className="mb-1 text-xs font-medium text-slate-600">Events (none ticked: every event)</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {(Object.keys(EVENT_KINDS) as EventKind[]).map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="checkbox" checked={form.eventKinds.includes(k)} onChange={() => toggle(k)} />
              {EVENT_KINDS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="instances" label="Instances (slugs, comma-separated; empty: every instance)" errors={errors}>
        <input id="instances" value={form.instances} onChange={(e) => setForm({ ...form, instances: e.target.value })} className={inputClass} />
      </Field>
      <div className="flex items-end gap-2">
        <button type="submit" disabled={pending} className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50">
          {pending ? "Adding…" : "Add channel"}
        </button>
        {general && <span className="text-sm text-red-700" role="alert">{general}</span>}
      </div>
    </form>
  );
}
