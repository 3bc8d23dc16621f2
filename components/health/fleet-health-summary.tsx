"use client";
import Link from "next/link";
import { Badge } from "../ui/badges";
import { useUrlParams } from "../instances/use-url-params";
import { ago } from "./format-time";
import { useHealthSummary } from "./use-health-summary";

const STATES = ["healthy", "degraded", "down", "unknown"] as const;

/** Above the fleet table: counts per state (a click filters the table) and who needs attention. */
export function FleetHealthSummary() {
  const { data, isError } = useHealthSummary();
  const { searchParams, update } = useUrlParams();
  const active = searchParams.get("health");
  if (isError) return <p className="mb-4 text-sm text-red-700">Fleet health is unavailable right now.</p>;
  return (
    <section className="mb-4 rounded border border-slate-200 bg-white p-4" aria-label="Fleet health">
      <div className="flex flex-wrap gap-2">
        {STATES.map((s) => (
          <button
            key={s}
            type="button"
            data-testid={`health-count-${s}`}
            aria-pressed={active === s}
            onClick={() => update({ health: active === s ? null : s })}
            className={`rounded border px-3 py-1 text-sm ${active === s ? "border-slate-800" : "border-slate-200"}`}
          >
            <Badge value={s} /> <span className="ml-1 font-semibold">{data ? data.counts[s] : "…"}</span>
          </button>
        ))}
      </div>
      {data && data.unhealthy.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="unhealthy-list">
          {data.unhealthy.map((i) => (
            <li key={i.slug} className="flex flex-wrap items-center gap-3 py-1" data-testid={`unhealthy-${i.slug}`}>
              <Badge value={i.health} />
              <Link href={`/instances/${i.slug}`} className="text-sky-800 underline">{i.displayName}</Link>
              <span className="text-slate-500">{i.health} since {ago(i.since)}</span>
              {i.failing.length > 0 && <span className="text-red-800">failing: {i.failing.join(", ")}</span>}
            </li>
          ))}
          {data.unhealthyTotal > data.unhealthy.length && (
            <li className="py-1 text-xs text-slate-500">and {data.unhealthyTotal - data.unhealthy.length} more</li>
          )}
        </ul>
      )}
    </section>
  );
}
