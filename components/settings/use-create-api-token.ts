"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { tokenKeys } from "./query-keys";
import type { ApiTokenView as TokenView } from "@/lib/auth/api-tokens";

/** Creates a token; the plain value is in the mutation's data, and only there. */
export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<{ token: string; item: TokenView }>("/api/tokens", { method: "POST", body: JSON.stringify({ name }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
