"use client";
import { useSnapshots } from "./use-snapshots";

/** The instance's snapshots with size, reason and expiry; restore from one (operators). */
export function SnapshotList({ slug, onRestore }: { slug: string; onRestore?: (snapshot: string) => void }) {
  const { data, error, isLoading } = useSnapshots(slug);
  if (isLoading) return <p className="text-sm text-slate-500">Loading snapshots…</p>;
  if (error) return <p className="text-sm text-red-700" role="alert">{error.message}</p>;
  if (data?.unavailable) return <p className="text-sm text-amber-700" role="alert">{data.unavailable}</p>;
  if (!data?.items.length) return <p className="text-sm text-slate-500">No snapshots.</p>;
  return (
    <table className="w-full text-sm" data-testid="snapshot-list">
      <thead className="text-left text-slate-500">
        <tr><th className="py-1">Snapshot</th><th>Size</th><th>Reason</th><th>Taken</th><th>Kept until</th><th /></tr>
      </thead>
      <tbody>
        {data.items.map((s) => (
          <tr key={s.name} className="border-t">
            <td className="py-1 font-mono text-xs">{s.name}</td>
            <td>{s.sizeGb} GB</td>
            <td>{s.reason ?? "—"}</td>
            <td className="text-xs">{s.createdAt ? new Date(s.createdAt).toLocaleString() : "—"}</td>
            <td className="text-xs">{s.expires ?? "kept"}</td>
            <td>{onRestore && s.status === "READY" && <button type="button" className="text-sky-800 hover:underline" onClick={() => onRestore(s.name)}>Restore…</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
