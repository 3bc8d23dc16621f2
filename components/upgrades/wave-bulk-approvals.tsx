"use client";
import type { WaveInstanceView, WaveView } from "@/lib/waves/get-wave";
import { useApproveWaveSteps } from "./use-approve-wave-steps";

const BARS = [
  { stepKey: "approve-switch", what: "to switch" },
  { stepKey: "approve-destroy", what: "to destroy" },
  { stepKey: "approve-clear-leftover", what: "to destroy a colour left by an earlier upgrade" },
] as const;

/**
 * "12 upgrades wait for approval to switch — Approve all": one confirmation for every
 * upgrade of the wave waiting on the same step. It sends the jobs it shows, so an upgrade
 * that moved on meanwhile is skipped (the server says why) rather than approved at another
 * step. Plans that destroy or replace are approved one by one: each plan is different.
 */
export function WaveBulkApprovals({ wave }: { wave: WaveView }) {
  const approve = useApproveWaveSteps(wave.id);
  const bars = BARS.map((b) => ({ ...b, waiting: wave.instances.filter((i) => i.jobId && i.waitingOn?.key === b.stepKey) })).filter((b) => b.waiting.length);
  if (!bars.length && !approve.data && !approve.error) return null;

  const onApprove = (stepKey: (typeof BARS)[number]["stepKey"], waiting: WaveInstanceView[]) => {
    const step = waiting[0].waitingOn!;
    const question = `${step.name}: ${count(waiting.length)}\n\n${waiting.map((i) => i.slug).join(", ")}\n\n${step.instructions ?? ""}`;
    if (!window.confirm(question.trim())) return;
    approve.mutate({ stepKey, jobIds: waiting.map((i) => i.jobId!) });
  };
  const result = approve.data;
  return (
    <div className="space-y-2" data-testid="bulk-approvals">
      {bars.map((b) => (
        <div key={b.stepKey} className="flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid={`bulk-${b.stepKey}`}>
          <span>{count(b.waiting.length)} {b.waiting.length === 1 ? "waits" : "wait"} for approval {b.what} —</span>
          <button type="button" disabled={approve.isPending} onClick={() => onApprove(b.stepKey, b.waiting)} className="rounded bg-amber-600 px-2 py-0.5 text-xs text-white disabled:opacity-50">
            Approve all
          </button>
        </div>
      ))}
      {result && (
        <p className="text-sm text-slate-700" role="status" data-testid="bulk-result">
          Approved {count(result.approved.length)}.
          {result.skipped.length > 0 && ` Skipped ${result.skipped.length}: ${result.skipped.map((s) => s.reason).join("; ")}`}
        </p>
      )}
      {approve.error && <p className="text-sm text-red-700" role="alert">{approve.error.message}</p>}
    </div>
  );
}

const count = (n: number) => `${n} upgrade${n === 1 ? "" : "s"}`;
