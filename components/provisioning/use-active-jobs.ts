"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { provisioningKeys } from "./query-keys";

/** The instance's unfinished jobs (at most one runs at a time), polled while there are any. */
export function useActiveJobs(slug: string) {
  return useQuery({
    queryKey: provisioningKeys.activeJobs(slug),
    queryFn: () => apiFetch<{ items: JobView[] }>(`/api/instances/${encodeURIComponent(slug)}/jobs?status=running,waiting,queued&pageSize=5`),
    refetchInterval: (q) => (q.state.data && q.state.data.items.length === 0 ? 30_000 : 2_000),
  });
}
