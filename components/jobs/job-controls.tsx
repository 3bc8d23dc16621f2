"use client";
import type { JobView } from "@/lib/jobs/job-view";
import { useJobAction } from "./use-job-action";

export function JobControls({ job }: { job: JobView }) {
  const action = useJobAction(job.id);
  const canCancel = job.status === "queued" || job.status === "running" || job.status === "waiting";
  const canRetry = job.status === "failed" || job.status === "cancelled";
  return (
    <div className="flex items-center gap-2">
      {canCancel && (
        <button
          type="button"
          disabled={action.isPending}
          onClick={() => confirm("Cancel this job? The running step is interrupted.") && action.mutate({ type: "cancel" })}
          className="rounded border border-red-300 bg-white px-3 py-1 text-sm text-red-700 disabled:opacity-50"
        >
          Cancel job
        </button>
      )}
      {canRetry && (
        <button type="button" disabled={action.isPending} onClick={() => action.mutate({ type: "retry" })} className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50">
          Retry from failed step
        </button>
      )}
      {action.error && <span className="text-sm text-red-700" role="alert">{action.error.message}</span>}
    </div>
  );
}
