import type { TimelineSegment } from "@/lib/health/timeline";
import { utc } from "./format-time";

const COLORS: Record<string, string> = {
  healthy: "bg-emerald-400",
  degraded: "bg-amber-400",
  down: "bg-red-500",
  unknown: "bg-slate-300",
};

/** The last days as one horizontal bar, a segment per state. */
export function HealthTimeline({ segments }: { segments: TimelineSegment[] }) {
  if (!segments.length) return null;
  const start = new Date(segments[0].from).getTime();
  const total = new Date(segments[segments.length - 1].to).getTime() - start || 1;
  return (
    <div>
      <div className="flex h-4 w-full overflow-hidden rounded bg-slate-100" data-testid="health-timeline">
        {segments.map((s) => {
          const width = ((new Date(s.to).getTime() - new Date(s.from).getTime()) / total) * 100;
          return (
            <div
              key={s.from}
              className={COLORS[s.state]}
              style={{ width: `${Math.max(width, 0.3)}%` }}
              title={`${s.state}: ${utc(s.from)} – ${utc(s.to)}`}
              data-state={s.state}
            />
          );
        })}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        <span>7 days ago</span>
        <span>now</span>
      </div>
    </div>
  );
}
