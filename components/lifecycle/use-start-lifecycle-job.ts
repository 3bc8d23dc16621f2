"use client";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { jobKeys } from "../jobs/query-keys";

/** Starts a lifecycle job (`POST /api/instances/{slug}/jobs {kind, …}`) and opens it. */
export function useStartLifecycleJob(slug: string) {
  const router = useRouter();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: string } & Record<string, unknown>) =>
      apiFetch<{ job: JobView }>(`/api/instances/${slug}/jobs`, { method: "POST", body: JSON.stringify(body) }),
    onSuccess: ({ job }) => {
      void qc.invalidateQueries({ queryKey: jobKeys.all });
      router.push(`/jobs/${job.id}`);
    },
  });
}
