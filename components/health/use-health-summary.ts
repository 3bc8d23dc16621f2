"use client";
import { useQuery } from "@tanstack/react-query";
import type { HealthSummary } from "@/lib/health/health-summary";
import { apiFetch } from "../api-client";
import { healthKeys } from "./query-keys";

export function useHealthSummary() {
  return useQuery({
    queryKey: healthKeys.summary(),
    queryFn: () => apiFetch<HealthSummary>("/api/health/summary"),
    refetchInterval: 5_000,
  });
}
