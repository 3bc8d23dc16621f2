"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { BackupPolicy } from "@/lib/lifecycle/backup-policy";
import { backupKeys } from "./query-keys";

export type FleetBackupPolicyView = BackupPolicy & { updatedBy: string; updatedAt: string | null };

export function useFleetBackupPolicy() {
  return useQuery({ queryKey: backupKeys.fleet, queryFn: () => apiFetch<{ policy: FleetBackupPolicyView }>("/api/settings/backup-policy") });
}
