"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { jobKeys } from "../jobs/query-keys";

/** "Upgrade" on the instance page: newer known releases only; red/black unless no release on the way changes the database. */
export function UpgradeButton({ slug, newer }: { slug: string; newer: { version: string; inPlace: boolean }[] }) {
  const [version, setVersion] = useState(newer[newer.length - 1]?.version ?? "");
  const [strategy, setStrategy] = useState<"red-black" | "in-place">("red-black");
  const router = useRouter();
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => apiFetch<{ job: JobView }>(`/api/instances/${slug}/jobs`, { method: "POST", body: JSON.stringify({ kind: "upgrade", version, strategy }) }),
    onSuccess: ({ job }) => {
      void qc.invalidateQueries({ queryKey: jobKeys.all });
      router.push(`/jobs/${job.id}`);
    },
  });
  if (!newer.length) return <p className="text-sm text-slate-500">On the latest release.</p>;
  const inPlaceAllowed = newer.find((r) => r.version === version)?.inPlace ?? false;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label>
        Version{" "}
        <select value={version} onChange={(e) => setVersion(e.target.value)} className="rounded border px-2 py-1" data-testid="upgrade-version">
          {newer.map((r) => <option key={r.version} value={r.version}>{r.version}</option>)}
        </select>
      </label>
      <label>
        Strategy{" "}
        <select value={inPlaceAllowed ? strategy : "red-black"} onChange={(e) => setStrategy(e.target.value as "red-black" | "in-place")} className="rounded border px-2 py-1">
          <option value="red-black">red/black</option>
          {inPlaceAllowed && <option value="in-place">in place</option>}
        </select>
      </label>
      <button type="button" onClick={() => start.mutate()} disabled={start.isPending || !version} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">
        Upgrade
      </button>
      {start.error && <span className="text-red-700" role="alert">{start.error.message}</span>}
    </div>
  );
}
