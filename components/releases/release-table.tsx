"use client";
import { useReleases } from "./use-releases";
import { useUpdateRelease } from "./use-update-release";

/** Every release, newest first; admins mark database changes and retire or restore releases. */
export function ReleaseTable({ canManage }: { canManage: boolean }) {
  const { data, error, isLoading } = useReleases();
  const update = useUpdateRelease();
  if (isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (error) return <p className="text-sm text-red-700" role="alert">{error.message}</p>;
  const releases = [...(data?.releases ?? [])].reverse();
  return (
    <div>
      {update.error && <p className="mb-2 text-sm text-red-700" role="alert">{update.error.message}</p>}
      <table className="w-full text-left text-sm" aria-label="Releases">
        <thead className="text-xs uppercase text-slate-500">
          <tr><th className="py-1">Version</th><th>Deploy ref</th><th>Database changes</th><th>Published</th><th>Notes</th><th>State</th>{canManage && <th />}</tr>
        </thead>
        <tbody>
          {releases.map((r) => (
            <tr key={r.version} className={`border-t border-slate-100 ${r.retired ? "text-slate-400" : ""}`} data-testid={`release-${r.version}`}>
              <td className="py-1 font-mono">{r.version}</td>
              <td className="font-mono">{r.deployRef}</td>
              <td>{r.databaseChanges ? `yes${r.changedSchemas.length ? ` (${r.changedSchemas.join(", ")})` : ""}` : "no (in place allowed)"}</td>
              <td>{r.publishedAt ?? "—"}</td>
              <td>{r.notesUrl ? <a href={r.notesUrl} className="text-sky-700" rel="noreferrer noopener" target="_blank">notes</a> : "—"}</td>
              <td>{r.retired ? "retired" : "offered"}</td>
              {canManage && (
                <td className="space-x-2 text-right">
                  <button type="button" className="text-sky-700 disabled:opacity-50" disabled={update.isPending} onClick={() => update.mutate({ version: r.version, databaseChanges: !r.databaseChanges, ...(r.databaseChanges ? { changedSchemas: [] } : {}) })}>
                    {r.databaseChanges ? "Mark no database change" : "Mark database change"}
                  </button>
                  <button type="button" className="text-sky-700 disabled:opacity-50" disabled={update.isPending} onClick={() => update.mutate({ version: r.version, retired: !r.retired })}>
                    {r.retired ? "Restore" : "Retire"}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
