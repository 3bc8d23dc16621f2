import Link from "next/link";
import { versionAdoption } from "@/lib/upgrades/version-adoption";

/** Fleet page: instances per version, releases behind the latest, share on the latest three. */
export async function VersionAdoption({ canUpgrade = false }: { canUpgrade?: boolean }) {
  const a = await versionAdoption();
  if (!a.total) return null;
  return (
    <section className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="version-adoption">
      <div className="mb-2 flex gap-4">
        <h2 className="font-semibold">Version adoption</h2>
        <span>latest {a.latest}</span>
        <span data-testid="share-latest-three">{Math.round(a.shareOnLatestThree * 100)}% on the latest three releases</span>
      </div>
      <table className="w-full text-left">
        <thead className="text-slate-500"><tr><th>Version</th><th>Instances</th><th>Releases behind</th><th>Share</th>{canUpgrade && <th />}</tr></thead>
        <tbody>
          {a.versions.map((v) => (
            <tr key={v.version}>
              <td className="font-mono">{v.version}</td>
              <td>{v.count}</td>
              <td>{v.behind}</td>
              <td><div className="h-2 bg-sky-600" style={{ width: `${Math.max(2, v.share * 100)}%` }} /></td>
              {canUpgrade && (
                <td className="text-right">
                  {v.behind > 0 && <Link href={`/upgrades/new?from=${encodeURIComponent(v.version)}`} className="text-xs text-sky-700">Upgrade these…</Link>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
