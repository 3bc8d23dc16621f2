import Link from "next/link";
import { notFound } from "next/navigation";
import { WaveDetail } from "@/components/upgrades/wave-detail";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getWave } from "@/lib/waves/get-wave";
import { requirePageActor } from "@/lib/next/require-page-actor";

export const dynamic = "force-dynamic";

export default async function WavePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor("fleet:read", `/upgrades/${id}`);
  const wave = await getWave(id, { includeIps: can(actor.role, "ips:read") }).catch((e) => (e instanceof AppError && e.status === 404 ? null : Promise.reject(e)));
  if (!wave) notFound();
  return (
    <div className="space-y-3">
      <Link href="/upgrades" className="text-sm text-sky-700">← Upgrade waves</Link>
      <WaveDetail initial={wave} canControl={can(actor.role, "instances:upgrade")} canApprove={can(actor.role, "jobs:control")} />
    </div>
  );
}
