"use client";
import { useQuery } from "@tanstack/react-query";
import type { InstanceDeployment } from "@/lib/deployments/get-instance-deployment";
import { apiFetch } from "../api-client";
import { deploymentKeys } from "./query-keys";

/** The instance's deployment history in git and its current files. */
export function useInstanceDeployment(slug: string) {
  return useQuery({
    queryKey: deploymentKeys.instance(slug),
    queryFn: () => apiFetch<InstanceDeployment>(`/api/instances/${encodeURIComponent(slug)}/deployment`),
    refetchInterval: 30_000,
  });
}
