"use client";
import { useState } from "react";
import { ACCESS_MODE_LABELS, ACCESS_MODES } from "@/lib/provisioning/options";
import { useStartLifecycleJob } from "./use-start-lifecycle-job";

/** Change access: public with SSO, or a Cloud Armor IP allowlist (one CIDR per line). */
export function ChangeAccessForm({ slug, accessMode, allowlistCidrs }: { slug: string; accessMode: string; allowlistCidrs: string[] }) {
  const [mode, setMode] = useState(accessMode);
  const [cidrs, setCidrs] = useState(allowlistCidrs.join("\n"));
  const start = useStartLifecycleJob(slug);
  const list = mode === "ip_allowlist" ? cidrs.split(/\s+/).filter(Boolean) : [];
  return (
    <form className="flex flex-wrap items-start gap-2 text-sm" onSubmit={(e) => { e.preventDefault(); start.mutate({ kind: "change-access", accessMode: mode, allowlistCidrs: list }); }}>
      <select value={mode} onChange={(e) => setMode(e.target.value)} className="rounded border px-2 py-1" aria-label="Access mode">
        {ACCESS_MODES.map((m) => <option key={m} value={m}>{ACCESS_MODE_LABELS[m]}</option>)}
      </select>
      {mode === "ip_allowlist" && <textarea value={cidrs} onChange={(e) => setCidrs(e.target.value)} rows={2} placeholder="203.0.113.0/24" aria-label="Allowlist CIDRs" className="rounded border px-2 py-1 font-mono text-xs" />}
      <button type="submit" disabled={start.isPending} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">Change access</button>
      {start.error && <span className="text-red-700" role="alert">{start.error.message}</span>}
    </form>
  );
}
