"use client";
import { Badge } from "../ui/badges";
import { Section } from "../ui/section";
import { ago, utc } from "./format-time";
import { HealthTimeline } from "./health-timeline";
import { useCheckNow } from "./use-check-now";
import { useHealthHistory } from "./use-health-history";

/** The instance page's live health: each check with when it last ran, "Check now", and 7 days of states. */
export function InstanceHealth({ slug, canRun }: { slug: string; canRun: boolean }) {
  const { data, isPending, isError } = useHealthHistory(slug);
  const checkNow = useCheckNow(slug);
  const action = canRun ? (
    <button
      type="button"
      className="rounded bg-slate-800 px-3 py-1 text-sm text-white disabled:opacity-50"
      disabled={checkNow.isPending}
      onClick={() => checkNow.mutate()}
    >
      {checkNow.isPending ? "Checking…" : "Check now"}
    </button>
  ) : undefined;
  return (
    <Section title="Health checks" actions={action}>
      {checkNow.isError && <p className="mb-2 text-sm text-red-700">{checkNow.error.message}</p>}
      {isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {isError && <p className="text-sm text-red-700">Health history is unavailable right now.</p>}
      {data && (
        <div className="space-y-3">
          <p className="text-sm" data-testid="health-current">
            <Badge value={data.health} /> <span className="text-slate-600">since {utc(data.since)} ({ago(data.since)}), last checked {utc(data.checkedAt)}</span>
          </p>
          <HealthTimeline segments={data.timeline} />
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr><th className="py-1">Check</th><th>Result</th><th>Detail</th><th>Latency</th><th>Last ran</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.checks.map((c) => (
                <tr key={c.name} data-testid={`check-${c.key ?? c.name}`}>
                  <td className="py-1">{c.name}</td>
                  <td>{c.ok ? "✓ pass" : c.outcome === "error" ? "? could not run" : "✗ fail"}</td>
                  <td className="text-slate-600">{c.message}</td>
                  <td>{c.latencyMs} ms</td>
                  <td className="text-slate-500">{ago(c.checkedAt)} ago</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.events.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-600">State changes ({data.events.length})</summary>
              <ul className="mt-1 text-xs">
                {data.events.map((e) => (
                  <li key={e.at + e.state}>{utc(e.at)}: {e.previous ?? "—"} → {e.state}{e.failing.length ? ` (${e.failing.join(", ")})` : ""}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </Section>
  );
}
