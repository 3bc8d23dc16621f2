"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { jobKeys } from "./query-keys";

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/** One job with its steps; polls while it has not ended (the log stream also invalidates it). */
export function useJob(id: string, initial?: JobView) {
  return useQuery({
    queryKey: jobKeys.detail(id),
    queryFn: async () => (await apiFetch<{ job: JobView }>(`/api/jobs/${id}`)).job,
    initialData: initial,
    refetchInterval: (q) => (q.state.data && ENDED.has(q.state.data.status) ? false : 2_000),
  });
}
