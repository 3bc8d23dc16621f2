import Link from "next/link";
import { WaveCountsLine } from "@/components/upgrades/wave-counts";
import { Badge } from "@/components/ui/badges";
import { listWaves } from "@/lib/waves/get-wave";
import { requirePageActor } from "@/lib/next/require-page-actor";

export const dynamic = "force-dynamic";

export default async function UpgradesPage() {
  await requirePageActor("fleet:read", "/upgrades");
  const waves = await listWaves();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Upgrade waves</h1>
      {!waves.length && <p className="text-sm text-slate-500">No waves yet. Start one with POST /api/waves.</p>}
      <table className="w-full text-left text-sm" data-testid="waves">
        <thead className="text-slate-500"><tr><th>Target</th><th>Status</th><th>Progress</th><th>Started</th><th>ETA</th></tr></thead>
        <tbody>
          {waves.map((w) => (
            <tr key={w.id} className="border-t">
              <td><Link href={`/upgrades/${w.id}`} className="font-mono text-sky-700">{w.targetVersion}</Link> <span className="text-slate-500">{w.strategy}, batches of {w.batchSize}</span></td>
              <td><Badge value={w.status} /></td>
              <td><WaveCountsLine counts={w.counts} total={w.total} /></td>
              <td>{w.startedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "not yet"}</td>
              <td>{w.eta ? w.eta.toISOString().slice(0, 16).replace("T", " ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
