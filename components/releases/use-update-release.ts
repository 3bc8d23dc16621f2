"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReleaseView } from "@/lib/releases/list-releases";
import { apiFetch } from "../api-client";
import { releaseKeys } from "./query-keys";

export function useUpdateRelease() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...body }: { version: string; retired?: boolean; databaseChanges?: boolean; changedSchemas?: string[]; notesUrl?: string | null }) =>
      apiFetch<{ release: ReleaseView }>(`/api/releases/${encodeURIComponent(version)}`, { method: "PATCH", body: JSON.stringify(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: releaseKeys.all }),
  });
}
