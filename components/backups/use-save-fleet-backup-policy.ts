"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { BackupPolicy } from "@/lib/lifecycle/backup-policy";
import { backupKeys } from "./query-keys";

export function useSaveFleetBackupPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policy: BackupPolicy) => apiFetch("/api/settings/backup-policy", { method: "PUT", body: JSON.stringify(policy) }),
    // Every instance's effective policy may have changed too.
    onSuccess: () => qc.invalidateQueries({ queryKey: backupKeys.all }),
  });
}
