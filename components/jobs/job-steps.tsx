"use client";
import type { JobView, StepView } from "@/lib/jobs/job-view";
import { Badge } from "../ui/badges";
import { StepDetail } from "./step-detail";
import { useJobAction } from "./use-job-action";

function duration(s: StepView) {
  if (!s.startedAt) return "";
  const end = s.finishedAt ? new Date(s.finishedAt).getTime() : Date.now();
  const secs = Math.max(0, Math.round((end - new Date(s.startedAt).getTime()) / 1000));
  return secs >= 60 ? `${Math.floor(secs / 60)}m${secs % 60}s` : `${secs}s`;
}

export function JobSteps({ job, canControl }: { job: JobView; canControl: boolean }) {
  const action = useJobAction(job.id);
  return (
    <ol className="divide-y divide-slate-100">
      {job.steps?.map((s, n) => (
        <li key={s.key} className="py-2" data-testid={`step-${s.key}`}>
          <div className="flex items-center gap-3 text-sm">
            <span className="w-6 text-right text-slate-500">{n + 1}.</span>
            <span className="flex-1">
              {s.name}
              {s.kind !== "automated" && <span className="ml-2 text-xs text-slate-500">({s.kind === "approval" ? "approval" : "human task"})</span>}
            </span>
            <span className="text-xs text-slate-500">{duration(s)}</span>
            <Badge value={s.status} />
          </div>
          {s.completedBy && (
            <p className="ml-9 text-xs text-slate-500">
              {s.kind === "approval" ? "approved" : "done"} by {s.completedBy}
            </p>
          )}
          {s.status === "waiting" && (
            <div className="ml-9 mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
              {s.instructions && <p className="mb-2">{s.instructions}</p>}
              {canControl ? (
                <button
                  type="button"
                  disabled={action.isPending}
                  onClick={() => action.mutate(s.kind === "approval" ? { type: "approve", stepKey: s.key } : { type: "complete", stepKey: s.key })}
                  className="rounded bg-amber-600 px-3 py-1 text-white disabled:opacity-50"
                >
                  {s.kind === "approval" ? "Approve" : "Mark done"}
                </button>
              ) : (
                <p className="text-xs text-slate-600">An operator must {s.kind === "approval" ? "approve" : "complete"} this step.</p>
              )}
            </div>
          )}
          {s.error && <pre className="ml-9 mt-1 whitespace-pre-wrap text-xs text-red-700">{s.error}</pre>}
          <div className="ml-9">
            <StepDetail detail={s.detail} />
          </div>
        </li>
      ))}
      {action.error && <li className="py-2 text-sm text-red-700" role="alert">{action.error.message}</li>}
    </ol>
  );
}
