import Link from "next/link";
import { StartWaveForm } from "@/components/upgrades/start-wave-form";
import { RELEASES } from "@/lib/instances/versions";
import { requirePageActor } from "@/lib/next/require-page-actor";
import { versionAdoption } from "@/lib/upgrades/version-adoption";

export const dynamic = "force-dynamic";

export default async function NewWavePage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  await requirePageActor("instances:upgrade", "/upgrades/new");
  const adoption = await versionAdoption();
  const versions = adoption.versions.map((v) => v.version);
  // "Upgrade these…" on the fleet page's version adoption: start with instances on that version.
  const from = (await searchParams).from;
  const fromVersion = typeof from === "string" && versions.includes(from) ? from : "";
  return (
    <div className="space-y-3">
      <Link href="/upgrades" className="text-sm text-sky-700">← Upgrade waves</Link>
      <h1 className="text-xl font-semibold">Start an upgrade wave</h1>
      <StartWaveForm releases={RELEASES} fleetVersions={versions} initialFromVersion={fromVersion} />
    </div>
  );
}
