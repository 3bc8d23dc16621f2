"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { importKeys } from "./query-keys";

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (o: { projectId: string; sourcegraphToken?: string }) =>
      apiFetch<{ instance: { slug: string }; job: { id: string } }>("/api/instances/import", {
        method: "POST",
        body: JSON.stringify({ projectId: o.projectId, ...(o.sourcegraphToken ? { sourcegraphToken: o.sourcegraphToken } : {}) }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: importKeys.all }),
  });
}
