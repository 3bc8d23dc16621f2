"use client";
import Link from "next/link";
import type { AuditEventView } from "@/lib/audit/audit-event-view";

function target(e: AuditEventView) {
  if (e.targetType === "job" && e.targetId) return <Link href={`/jobs/${e.targetId}`} className="text-sky-800 hover:underline">job {e.targetId.slice(0, 8)}</Link>;
  if (e.targetType === "wave" && e.targetId) return <Link href={`/upgrades/${e.targetId}`} className="text-sky-800 hover:underline">wave {e.targetId.slice(0, 8)}</Link>;
  if (e.targetType === "instance" && e.instanceSlug) return <Link href={`/instances/${e.instanceSlug}`} className="text-sky-800 hover:underline">{e.instanceSlug}</Link>;
  return `${e.targetType}${e.targetId ? ` ${e.targetId.slice(0, 8)}` : ""}`;
}

/** Who did what, to what, with which parameters (secrets already redacted), when, from where. */
export function AuditTable({ events, showInstance = true }: { events: AuditEventView[]; showInstance?: boolean }) {
  if (!events.length) return <p className="py-4 text-sm text-slate-500" data-testid="audit-empty">No audit events match.</p>;
  return (
    <table className="min-w-full text-sm" data-testid="audit-table">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">When</th>
          <th className="py-1 pr-3">Who</th>
          <th className="py-1 pr-3">Action</th>
          <th className="py-1 pr-3">Target</th>
          {showInstance && <th className="py-1 pr-3">Instance</th>}
          <th className="py-1 pr-3">Params</th>
          <th className="py-1 pr-3">Source IP</th>
          <th className="py-1 pr-3">Via</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {events.map((e) => (
          <tr key={e.id} data-testid="audit-row">
            <td className="whitespace-nowrap py-1.5 pr-3 text-xs text-slate-600" title={e.at}>{new Date(e.at).toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="py-1.5 pr-3 text-xs">
              {e.actorEmail} <span className="text-slate-500">({e.actorRole})</span>
            </td>
            <td className="py-1.5 pr-3 font-mono text-xs">{e.action}</td>
            <td className="py-1.5 pr-3 text-xs">{target(e)}</td>
            {showInstance && <td className="py-1.5 pr-3 text-xs">{e.instanceSlug ? <Link href={`/instances/${e.instanceSlug}`} className="hover:underline">{e.instanceSlug}</Link> : "—"}</td>}
            <td className="max-w-xs py-1.5 pr-3">
              <code className="block truncate text-xs text-slate-600" title={JSON.stringify(e.params)}>{JSON.stringify(e.params)}</code>
            </td>
            <td className="py-1.5 pr-3 font-mono text-xs">{e.sourceIp ?? "—"}</td>
            <td className="py-1.5 pr-3 text-xs">{e.via}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
