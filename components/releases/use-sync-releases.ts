"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FeedSyncResult } from "@/lib/releases/sync-releases-feed";
import { apiFetch } from "../api-client";
import { releaseKeys } from "./query-keys";

/** "Sync now": `POST /api/releases/sync` adds the feed's new releases. */
export function useSyncReleases() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ sync: FeedSyncResult }>("/api/releases/sync", { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: releaseKeys.all }),
  });
}
