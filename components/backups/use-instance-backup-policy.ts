"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { BackupPolicy, InstanceBackupOverride } from "@/lib/lifecycle/backup-policy";
import { backupKeys } from "./query-keys";

export interface InstanceBackupPolicyView {
  override: InstanceBackupOverride | null;
  fleet: BackupPolicy;
  effective: BackupPolicy;
}

export function useInstanceBackupPolicy(slug: string) {
  return useQuery({ queryKey: backupKeys.instance(slug), queryFn: () => apiFetch<InstanceBackupPolicyView>(`/api/instances/${slug}/backup-policy`) });
}
