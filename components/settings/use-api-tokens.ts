"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { tokenKeys } from "./query-keys";
import type { ApiTokenView as TokenView } from "@/lib/auth/api-tokens";

/** The signed-in user's own API tokens, revoked ones included. */
export function useApiTokens() {
  return useQuery({ queryKey: tokenKeys.list(), queryFn: () => apiFetch<{ items: TokenView[] }>("/api/tokens") });
}
