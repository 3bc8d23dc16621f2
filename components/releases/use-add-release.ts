"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReleaseView } from "@/lib/releases/list-releases";
import { apiFetch } from "../api-client";
import { releaseKeys } from "./query-keys";

export interface AddReleaseBody {
  version: string;
  databaseChanges: boolean;
  changedSchemas: string[];
  deployRef?: string;
  publishedAt?: string;
  notesUrl?: string;
}

export function useAddRelease() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddReleaseBody) => apiFetch<{ release: ReleaseView }>("/api/releases", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: releaseKeys.all }),
  });
}
