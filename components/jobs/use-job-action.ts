"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { JobView } from "@/lib/jobs/job-view";
import { jobKeys } from "./query-keys";

export type JobAction = { type: "cancel" | "retry" } | { type: "approve"; stepKey?: string } | { type: "complete"; stepKey: string };

function pathOf(id: string, a: JobAction) {
  return a.type === "complete" ? `/api/jobs/${id}/steps/${encodeURIComponent(a.stepKey)}/complete` : `/api/jobs/${id}/${a.type}`;
}

/** Cancel, retry, approve, or mark a human task done; refreshes the job on success. */
export function useJobAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    // An approval names the step the person saw: if the job has moved on, the server refuses.
    mutationFn: async (a: JobAction) =>
      (await apiFetch<{ job: JobView }>(pathOf(id, a), { method: "POST", body: JSON.stringify(a.type === "approve" && a.stepKey ? { step: a.stepKey } : {}) })).job,
    onSuccess: (job) => {
      qc.setQueryData(jobKeys.detail(id), job);
      void qc.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}
