"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { jobKeys } from "./query-keys";

export interface JobPage {
  items: JobView[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of jobs; `path` is /api/jobs or /api/instances/{slug}/jobs. */
export function useJobs(path: string, params: string) {
  return useQuery({
    queryKey: jobKeys.list(`${path}?${params}`),
    queryFn: () => apiFetch<JobPage>(`${path}?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 3_000,
  });
}
