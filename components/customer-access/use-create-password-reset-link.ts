"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { auditKeys } from "../audit/query-keys";

/** A reset link for one user of the instance; like the password, it lives in the mutation's data only. */
export function useCreatePasswordResetLink(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (body: { username: string; reason: string }) =>
      apiFetch<{ username: string; siteAdmin: boolean; resetPasswordUrl: string }>(`/api/instances/${slug}/password-reset-links`, { method: "POST", body: JSON.stringify(body), cache: "no-store" }),
    // The audit trail on the page gains a row.
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
