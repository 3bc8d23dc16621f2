"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { CreatedInstance } from "@/lib/provisioning/create-instance";
import { instanceKeys } from "../instances/query-keys";
import { jobKeys } from "../jobs/query-keys";

export interface CreateInstanceForm {
  slug: string;
  displayName: string;
  version: string;
  machineType: string;
  dataDiskSizeGb: number;
  zone: string;
  accessMode: string;
  allowlistCidrs: string[];
}

export function useCreateInstance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInstanceForm) => apiFetch<CreatedInstance>("/api/instances", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: instanceKeys.all });
      void qc.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}
