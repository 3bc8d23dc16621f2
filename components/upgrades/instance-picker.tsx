"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { InstancePage } from "@/lib/instances/list-instances";
import { compareVersions } from "@/lib/instances/versions";
import { inputClass } from "../ui/form-field";
import { instanceKeys } from "../instances/query-keys";

/** Hand-picking a wave's instances: search the active fleet, tick instances behind the target. */
export function InstancePicker({ targetVersion, picked, onChange }: { targetVersion: string; picked: string[]; onChange: (slugs: string[]) => void }) {
  const [q, setQ] = useState("");
  const params = new URLSearchParams({ q, status: "active", sort: "slug", pageSize: "25" }).toString();
  const found = useQuery({
    queryKey: instanceKeys.list(params),
    queryFn: () => apiFetch<InstancePage>(`/api/instances?${params}`),
    placeholderData: keepPreviousData,
  });
  const toggle = (slug: string) => onChange(picked.includes(slug) ? picked.filter((s) => s !== slug) : [...picked, slug]);
  return (
    <div className="space-y-2 rounded border border-slate-200 p-2">
      <input id="instances" aria-label="Search instances" placeholder="Search by slug, name or domain" value={q} onChange={(e) => setQ(e.target.value)} className={inputClass} />
      <ul tabIndex={0} className="max-h-64 overflow-y-auto text-sm" data-testid="instance-picker">
        {found.data?.items.map((i) => {
          const behind = compareVersions(i.version, targetVersion) < 0;
          return (
            <li key={i.slug}>
              <label className={`flex items-center gap-2 py-0.5 ${behind ? "" : "text-slate-500"}`}>
                <input type="checkbox" checked={picked.includes(i.slug)} disabled={!behind && !picked.includes(i.slug)} onChange={() => toggle(i.slug)} aria-label={`Pick ${i.slug}`} />
                <span className="font-mono">{i.slug}</span>
                <span className="text-xs text-slate-500">on {i.version}{behind ? "" : " (not behind the target)"}</span>
              </label>
            </li>
          );
        })}
        {found.data && found.data.total > found.data.items.length && <li className="text-xs text-slate-500">{found.data.total - found.data.items.length} more; narrow the search.</li>}
        {found.data?.items.length === 0 && <li className="text-xs text-slate-500">No active instance matches.</li>}
        {found.error && <li className="text-xs text-red-700">{found.error.message}</li>}
      </ul>
      {picked.length > 0 && (
        <div className="flex flex-wrap gap-1" data-testid="picked-instances">
          {picked.map((s) => (
            <button key={s} type="button" onClick={() => toggle(s)} className="rounded bg-sky-100 px-2 py-0.5 font-mono text-xs text-sky-900" title="Remove">
              {s} ×
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
