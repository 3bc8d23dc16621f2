"use client";
import { useSyncReleases } from "./use-sync-releases";

/** Admins: add the configured feed's new releases now (workers also sync it hourly). */
export function SyncReleasesButton() {
  const sync = useSyncReleases();
  const r = sync.data?.sync;
  return (
    <div className="mb-4 flex items-center gap-3 text-sm">
      <button type="button" className="rounded border px-3 py-1" disabled={sync.isPending} onClick={() => sync.mutate()}>
        {sync.isPending ? "Syncing…" : "Sync from the releases feed"}
      </button>
      {r && (
        <span data-testid="releases-sync-result" role="status">
          {r.added.length ? `added ${r.added.join(", ")}` : "no new releases"}; {r.known} already known
          {r.invalid.length ? `; ${r.invalid.length} refused: ${r.invalid.map((x) => `${x.version ?? `#${x.entry}`} (${x.message})`).join("; ")}` : ""}
        </span>
      )}
      {sync.error && <span className="text-red-700" role="alert">{sync.error.message}</span>}
    </div>
  );
}
