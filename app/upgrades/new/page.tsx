import Link from "next/link";
import { StartWaveForm } from "@/components/upgrades/start-wave-form";
import { requirePageActor } from "@/lib/next/require-page-actor";
import { listReleases } from "@/lib/releases/list-releases";
import { allowsInPlace, upgradeTargets } from "@/lib/releases/release-rules";
import { versionAdoption } from "@/lib/upgrades/version-adoption";

export const dynamic = "force-dynamic";

export default async function NewWavePage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  await requirePageActor("instances:upgrade", "/upgrades/new");
  const [adoption, all] = await Promise.all([versionAdoption(), listReleases()]);
  const releases = upgradeTargets(all).map((r) => ({ version: r.version, inPlace: allowsInPlace(all, r.version) }));
  const versions = adoption.versions.map((v) => v.version);
  // "Upgrade these…" on the fleet page's version adoption: start with instances on that version.
  const from = (await searchParams).from;
  const fromVersion = typeof from === "string" && versions.includes(from) ? from : "";
  return (
    <div className="space-y-3">
      <Link href="/upgrades" className="text-sm text-sky-700">← Upgrade waves</Link>
      <h1 className="text-xl font-semibold">Start an upgrade wave</h1>
      <StartWaveForm releases={releases} fleetVersions={versions} initialFromVersion={fromVersion} />
    </div>
  );
}
