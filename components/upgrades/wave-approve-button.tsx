"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useJobAction } from "../jobs/use-job-action";
import { waveKeys } from "./query-keys";

/**
 * Approving an instance's waiting upgrade step from the wave page, so an operator need not
 * open fifty jobs. It names the step it shows: if the job has moved on, the server refuses
 * (409) rather than approve a step nobody read. The step's instructions are confirmed first.
 */
export function WaveApproveButton({ waveId, jobId, step }: { waveId: string; jobId: string; step: { key: string; name: string; instructions: string | null } }) {
  const qc = useQueryClient();
  const approve = useJobAction(jobId);
  const onClick = () => {
    if (!window.confirm(`${step.name}\n\n${step.instructions ?? ""}`.trim())) return;
    approve.mutate({ type: "approve", stepKey: step.key }, { onSettled: () => void qc.invalidateQueries({ queryKey: waveKeys.detail(waveId) }) });
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" disabled={approve.isPending} onClick={onClick} className="rounded bg-amber-600 px-2 py-0.5 text-xs text-white disabled:opacity-50">
        Approve
      </button>
      {approve.error && <span className="text-xs text-red-700" role="alert">{approve.error.message}</span>}
    </span>
  );
}
