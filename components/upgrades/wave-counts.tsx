import type { WaveCounts } from "@/lib/waves/get-wave";

export function WaveCountsLine({ counts, total }: { counts: WaveCounts; total: number }) {
  return (
    <span className="text-sm" data-testid="wave-counts">
      {counts.done} done · {counts.running} running · {counts.failed} failed · {counts.pending} pending
      {counts.skipped ? ` · ${counts.skipped} skipped` : ""} (of {total})
    </span>
  );
}

const SEGMENTS: { key: keyof WaveCounts; className: string; label: string }[] = [
  { key: "done", className: "bg-emerald-500", label: "done" },
  { key: "failed", className: "bg-red-500", label: "failed" },
  { key: "running", className: "bg-sky-500", label: "running" },
  { key: "skipped", className: "bg-slate-400", label: "skipped" },
];

/** A stacked bar: done, failed, running, skipped; the rest of the track is pending. */
export function WaveProgressBar({ counts, total }: { counts: WaveCounts; total: number }) {
  const finished = counts.done + counts.failed + counts.skipped;
  return (
    <div
      className="flex h-2 w-full min-w-24 overflow-hidden rounded bg-slate-200"
      role="progressbar"
      aria-label="wave progress"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={finished}
    >
      {SEGMENTS.map((s) =>
        counts[s.key] ? <div key={s.key} className={s.className} style={{ width: `${(counts[s.key] / Math.max(1, total)) * 100}%` }} title={`${counts[s.key]} ${s.label}`} /> : null,
      )}
    </div>
  );
}
