import Link from "next/link";
import { notFound } from "next/navigation";
import { WaveControls } from "@/components/upgrades/wave-controls";
import { WaveCountsLine } from "@/components/upgrades/wave-counts";
import { Badge } from "@/components/ui/badges";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getWave } from "@/lib/waves/get-wave";
import { requirePageActor } from "@/lib/next/require-page-actor";

export const dynamic = "force-dynamic";

export default async function WavePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("fleet:read", "/upgrades");
  const { id } = await params;
  const wave = await getWave(id).catch((e) => (e instanceof AppError && e.status === 404 ? null : Promise.reject(e)));
  if (!wave) notFound();
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold">Wave to {wave.targetVersion}</h1>
        <Badge value={wave.status} />
        {can(actor.role, "instances:upgrade") && <WaveControls id={wave.id} status={wave.status} />}
      </div>
      <p><WaveCountsLine counts={wave.counts} total={wave.total} /> · ETA {wave.eta ? wave.eta.toISOString().slice(0, 16).replace("T", " ") : "—"}</p>
      {wave.pausedReason && <p className="text-sm text-amber-800" role="status">{wave.pausedReason}</p>}
      <table className="w-full text-left text-sm" data-testid="wave-instances">
        <thead className="text-slate-500"><tr><th>Batch</th><th>Instance</th><th>From</th><th>State</th><th>Job</th></tr></thead>
        <tbody>
          {wave.instances.map((i) => (
            <tr key={i.slug} className="border-t">
              <td>{i.batch + 1}</td>
              <td><Link href={`/instances/${i.slug}`} className="text-sky-700">{i.slug}</Link></td>
              <td className="font-mono">{i.fromVersion}</td>
              <td><Badge value={i.state} /> {i.error && <span className="text-red-700">{i.error}</span>}</td>
              <td>{i.jobId ? <Link href={`/jobs/${i.jobId}`} className="text-sky-700">{i.jobStatus ?? "job"}</Link> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
