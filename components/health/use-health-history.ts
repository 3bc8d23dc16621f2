"use client";
import { useQuery } from "@tanstack/react-query";
import type { HealthHistory } from "@/lib/health/health-history";
import { apiFetch } from "../api-client";
import { healthKeys } from "./query-keys";

export function useHealthHistory(slug: string) {
  return useQuery({
    queryKey: healthKeys.history(slug),
    queryFn: () => apiFetch<HealthHistory>(`/api/instances/${encodeURIComponent(slug)}/health-history`),
    refetchInterval: 15_000,
  });
}
