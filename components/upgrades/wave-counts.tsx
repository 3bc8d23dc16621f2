import type { WaveCounts } from "@/lib/waves/get-wave";

export function WaveCountsLine({ counts, total }: { counts: WaveCounts; total: number }) {
  return (
    <span className="text-sm">
      {counts.done} done · {counts.running} running · {counts.failed} failed · {counts.pending} pending
      {counts.skipped ? ` · ${counts.skipped} skipped` : ""} (of {total})
    </span>
  );
}
