"use client";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { JobTable } from "../jobs/job-table";
import { jobKeys } from "../jobs/query-keys";
import { useJobs } from "../jobs/use-jobs";

/** The instance's job history, and the buttons that start jobs on it. */
export function InstanceJobs({ slug, canRun }: { slug: string; canRun: boolean }) {
  const { data, isPending, isError, error } = useJobs(`/api/instances/${slug}/jobs`, "pageSize=20");
  const router = useRouter();
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: (kind: string) => apiFetch<{ job: JobView }>(`/api/instances/${slug}/jobs`, { method: "POST", body: JSON.stringify({ kind }) }),
    onSuccess: ({ job }) => {
      void qc.invalidateQueries({ queryKey: jobKeys.all });
      router.push(`/jobs/${job.id}`);
    },
  });
  return (
    <div>
      {canRun && (
        <div className="mb-3 flex items-center gap-2">
          <button type="button" onClick={() => start.mutate("refresh")} disabled={start.isPending} className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50">
            Refresh from GCP
          </button>
          {start.error && <span className="text-sm text-red-700" role="alert">{start.error.message}</span>}
        </div>
      )}
      {isPending && <p className="text-sm text-slate-500">Loading jobs…</p>}
      {isError && <p className="text-sm text-red-700">Could not load jobs: {error.message}</p>}
      {data && <JobTable jobs={data.items} showInstance={false} />}
    </div>
  );
}
