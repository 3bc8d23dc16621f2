"use client";
import Link from "next/link";
import type { JobView } from "@/lib/jobs/job-view";
import { Badge } from "../ui/badges";

function ago(iso: string) {
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return new Date(iso).toISOString().slice(0, 10);
}

export function JobTable({ jobs, showInstance = true }: { jobs: JobView[]; showInstance?: boolean }) {
  if (!jobs.length) return <p className="py-4 text-sm text-slate-500">No jobs yet.</p>;
  return (
    <table className="min-w-full text-sm">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">Job</th>
          {showInstance && <th className="py-1 pr-3">Instance</th>}
          <th className="py-1 pr-3">Status</th>
          <th className="py-1 pr-3">Progress</th>
          <th className="py-1 pr-3">By</th>
          <th className="py-1 pr-3">Created</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {jobs.map((j) => (
          <tr key={j.id}>
            <td className="py-1.5 pr-3">
              <Link href={`/jobs/${j.id}`} className="text-sky-800 hover:underline">{j.title}</Link>
            </td>
            {showInstance && <td className="py-1.5 pr-3">{j.instance ? <Link href={`/instances/${j.instance.slug}`} className="hover:underline">{j.instance.displayName}</Link> : "—"}</td>}
            <td className="py-1.5 pr-3"><Badge value={j.status} /></td>
            <td className="py-1.5 pr-3 text-xs text-slate-600">
              {j.progress.done}/{j.progress.total}
              {j.progress.current && j.status !== "succeeded" ? ` · ${j.progress.current}` : ""}
            </td>
            <td className="py-1.5 pr-3 text-xs">{j.createdBy}</td>
            <td className="py-1.5 pr-3 text-xs text-slate-500" title={j.createdAt}>{ago(j.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
