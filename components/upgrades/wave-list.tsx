"use client";
import Link from "next/link";
import type { WaveSummaryView } from "@/lib/waves/get-wave";
import { Badge } from "../ui/badges";
import { useWaves } from "./use-waves";
import { WaveCountsLine, WaveProgressBar } from "./wave-counts";
import { LiveNote } from "./live-note";
import { minuteUtc } from "./wave-time";

/** `/upgrades`: every wave with live progress, start and ETA. */
export function WaveList({ initial }: { initial: WaveSummaryView[] }) {
  const { data: waves, error, dataUpdatedAt } = useWaves(initial);
  return (
    <div className="space-y-2">
      {!waves.length && <p className="text-sm text-slate-500">No upgrade waves yet.</p>}
      {waves.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="waves">
          <thead className="text-slate-500">
            <tr><th>Target</th><th>Status</th><th className="w-1/3">Progress</th><th>Started</th><th>ETA</th><th>By</th></tr>
          </thead>
          <tbody>
            {waves.map((w) => (
              <tr key={w.id} className="border-t border-slate-200 align-top" data-testid={`wave-${w.id}`}>
                <td className="py-1">
                  <Link href={`/upgrades/${w.id}`} className="font-mono text-sky-700">{w.targetVersion}</Link>{" "}
                  <span className="text-xs text-slate-500">{w.strategy}, batches of {w.batchSize}{w.window ? `, ${w.window.start}–${w.window.end} UTC` : ""}</span>
                </td>
                <td className="py-1"><Badge value={w.status} /></td>
                <td className="space-y-1 py-1">
                  <WaveProgressBar counts={w.counts} total={w.total} />
                  <WaveCountsLine counts={w.counts} total={w.total} />
                </td>
                <td className="py-1">{w.startedAt ? minuteUtc(w.startedAt) : "not yet"}</td>
                <td className="py-1" data-testid="wave-eta">{minuteUtc(w.eta)}</td>
                <td className="py-1 text-xs text-slate-500">{w.createdBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LiveNote error={error} updatedAt={dataUpdatedAt} />
    </div>
  );
}
