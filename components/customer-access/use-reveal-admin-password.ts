"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { auditKeys } from "../audit/query-keys";

/**
 * Reveals the instance's sourcegraph-admin password. The value lives in this mutation's data
 * only (never a query, so never refetched or cached under a key; gcTime 0 drops it as soon as
 * the dialog lets go of it) and is sent in a POST body, never a URL.
 */
export function useRevealAdminPassword(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (reason: string) =>
      apiFetch<{ username: string; password: string }>(`/api/instances/${slug}/admin-password/reveal`, { method: "POST", body: JSON.stringify({ reason }), cache: "no-store" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
