import Link from "next/link";
import { StartWaveForm } from "@/components/upgrades/start-wave-form";
import { RELEASES } from "@/lib/instances/versions";
import { requirePageActor } from "@/lib/next/require-page-actor";
import { versionAdoption } from "@/lib/upgrades/version-adoption";

export const dynamic = "force-dynamic";

export default async function NewWavePage() {
  await requirePageActor("instances:upgrade", "/upgrades/new");
  const adoption = await versionAdoption();
  return (
    <div className="space-y-3">
      <Link href="/upgrades" className="text-sm text-sky-700">← Upgrade waves</Link>
      <h1 className="text-xl font-semibold">Start an upgrade wave</h1>
      <StartWaveForm releases={RELEASES} fleetVersions={adoption.versions.map((v) => v.version)} />
    </div>
  );
}
