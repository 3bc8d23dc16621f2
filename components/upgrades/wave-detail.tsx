"use client";
import Link from "next/link";
import type { WaveView } from "@/lib/waves/get-wave";
import { Badge } from "../ui/badges";
import { useWave } from "./use-waves";
import { approvalsSummary } from "./approval-policy-choice";
import { WaveApproveButton } from "./wave-approve-button";
import { WaveBulkApprovals } from "./wave-bulk-approvals";
import { WaveControls } from "./wave-controls";
import { WaveCountsLine, WaveProgressBar } from "./wave-counts";
import { LiveNote } from "./live-note";
import { minuteUtc, roughDuration } from "./wave-time";

/**
 * `/upgrades/[id]`: one wave, live: counts, ETA, its approval policy, why it paused, the
 * approvals it waits on (in bulk, for those who may approve), and each instance with its job.
 */
export function WaveDetail({ initial, canControl, canApprove }: { initial: WaveView; canControl: boolean; canApprove: boolean }) {
  const { data: wave, error, dataUpdatedAt } = useWave(initial);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Wave to {wave.targetVersion}</h1>
        <span data-testid="wave-status"><Badge value={wave.status} /></span>
        {canControl && <WaveControls id={wave.id} status={wave.status} />}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <Term label="Strategy">{wave.strategy}, batches of {wave.batchSize}</Term>
        <Term label="Approvals" wide testId="wave-approval-policy">{approvalsSummary(wave.strategy, wave.approvalPolicy)}</Term>
        <Term label="Window">{wave.window ? `${wave.window.start}–${wave.window.end} UTC` : "any time"}</Term>
        <Term label="Started">{wave.startedAt ? minuteUtc(wave.startedAt) : "not yet"}</Term>
        <Term label="ETA">{wave.eta ? minuteUtc(wave.eta) : wave.status === "running" && wave.averageUpgradeMs === null ? "after the first upgrade ends" : "—"}</Term>
        <Term label="Average upgrade">{roughDuration(wave.averageUpgradeMs)}</Term>
        <Term label="Created by">{wave.createdBy}</Term>
        <Term label="Finished">{minuteUtc(wave.finishedAt)}</Term>
        <Term label="Driver job">{wave.driverJobId ? <Link href={`/jobs/${wave.driverJobId}`} className="text-sky-700">log</Link> : "—"}</Term>
      </dl>
      <div className="space-y-1">
        <WaveProgressBar counts={wave.counts} total={wave.total} />
        <WaveCountsLine counts={wave.counts} total={wave.total} />
      </div>
      {canApprove && <WaveBulkApprovals wave={wave} />}
      {wave.pausedReason && <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="status" data-testid="paused-reason">{wave.pausedReason}</p>}
      <table className="w-full text-left text-sm" data-testid="wave-instances">
        <thead className="text-slate-500"><tr><th>Batch</th><th>Instance</th><th>From</th><th>State</th><th>Job</th><th>Started</th><th>Finished</th></tr></thead>
        <tbody>
          {wave.instances.map((i) => (
            <tr key={i.slug} className="border-t border-slate-200" data-testid={`wave-instance-${i.slug}`}>
              <td>{i.batch + 1}</td>
              <td><Link href={`/instances/${i.slug}`} className="text-sky-700">{i.slug}</Link></td>
              <td className="font-mono">{i.fromVersion}</td>
              <td><Badge value={i.state} /> {i.error && <span className="text-red-700">{i.error}</span>}</td>
              <td>
                {i.jobId && i.waitingOn ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <Link href={`/jobs/${i.jobId}`} className="font-medium text-amber-700">waits: {i.waitingOn.name}</Link>
                    {canApprove && i.waitingOn.kind === "approval" && <WaveApproveButton waveId={wave.id} jobId={i.jobId} step={i.waitingOn} />}
                  </span>
                ) : i.jobId ? (
                  <Link href={`/jobs/${i.jobId}`} className="text-sky-700">{i.jobStatus ?? "job"}</Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="text-xs">{minuteUtc(i.startedAt)}</td>
              <td className="text-xs">{minuteUtc(i.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LiveNote error={error} updatedAt={dataUpdatedAt} />
    </div>
  );
}

function Term({ label, wide, testId, children }: { label: string; wide?: boolean; testId?: string; children: React.ReactNode }) {
  return (
    <div className={wide ? "col-span-2 sm:col-span-3" : undefined} data-testid={testId}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
