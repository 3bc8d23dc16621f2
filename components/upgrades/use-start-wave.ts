"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { WaveView } from "@/lib/waves/get-wave";
import type { WavePreview } from "@/lib/waves/preview-wave";
import type { ApprovalPolicy } from "@/lib/upgrades/upgrade-params";
import { jobKeys } from "../jobs/query-keys";
import { waveKeys } from "./query-keys";

export interface StartWaveBody {
  targetVersion: string;
  instances: string[] | { version?: string };
  batchSize: number;
  strategy: "red-black" | "in-place";
  /** Required for red/black (null when not chosen yet: the server names the field); omitted in place. */
  approvalPolicy?: ApprovalPolicy | null;
  window?: { start: string; end: string };
}

/** What the wave would upgrade, asked again whenever the form changes (nothing is created). */
export function useWavePreview(body: StartWaveBody, enabled: boolean) {
  const json = JSON.stringify(body);
  return useQuery({
    queryKey: waveKeys.preview(json),
    queryFn: async () => (await apiFetch<{ preview: WavePreview }>("/api/waves/preview", { method: "POST", body: json })).preview,
    enabled,
    retry: false,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useStartWave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StartWaveBody) => apiFetch<{ wave: WaveView }>("/api/waves", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: waveKeys.all });
      void qc.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}
