import Link from "next/link";
import { WaveList } from "@/components/upgrades/wave-list";
import { can } from "@/lib/auth/permissions";
import { listWaves } from "@/lib/waves/get-wave";
import { requirePageActor } from "@/lib/next/require-page-actor";

export const dynamic = "force-dynamic";

export default async function UpgradesPage() {
  const actor = await requirePageActor("fleet:read", "/upgrades");
  const waves = await listWaves({ includeIps: can(actor.role, "ips:read") });
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Upgrade waves</h1>
        {can(actor.role, "instances:upgrade") && (
          <Link href="/upgrades/new" className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white">Start a wave</Link>
        )}
      </div>
      <p className="text-sm text-slate-600">
        A wave upgrades instances batch by batch and pauses itself when an upgrade fails. Version adoption across the fleet is on the{" "}
        <Link href="/instances" className="text-sky-700 underline">fleet page</Link>.
      </p>
      <WaveList initial={waves} />
    </div>
  );
}
