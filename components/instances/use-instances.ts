"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { InstancePage } from "@/lib/instances/list-instances";
import { instanceKeys } from "./query-keys";

/** The fleet list for the URL's query string (the same string the API takes). */
export function useInstances(params: string) {
  return useQuery({
    queryKey: instanceKeys.list(params),
    queryFn: () => apiFetch<InstancePage>(`/api/instances?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}
