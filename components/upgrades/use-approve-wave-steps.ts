"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { ApproveWaveStepsBody, WaveApprovals } from "@/lib/waves/approve-wave-steps";
import { jobKeys } from "../jobs/query-keys";
import { waveKeys } from "./query-keys";

/** Approves one step on the listed upgrades of a wave; the wave (and any job views) are read again after, whatever the answer. */
export function useApproveWaveSteps(waveId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApproveWaveStepsBody) => apiFetch<WaveApprovals>(`/api/waves/${waveId}/approvals`, { method: "POST", body: JSON.stringify(body) }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: waveKeys.detail(waveId) });
      void qc.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}
