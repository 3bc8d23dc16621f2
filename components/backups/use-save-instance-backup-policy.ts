"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { InstanceBackupOverride } from "@/lib/lifecycle/backup-policy";
import { lifecycleKeys } from "../lifecycle/query-keys";
import { backupKeys } from "./query-keys";

export function useSaveInstanceBackupPolicy(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (override: InstanceBackupOverride) => apiFetch(`/api/instances/${slug}/backup-policy`, { method: "PUT", body: JSON.stringify(override) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: backupKeys.instance(slug) });
      // "Kept until" on the snapshot list follows the policy.
      void qc.invalidateQueries({ queryKey: lifecycleKeys.snapshots(slug) });
    },
  });
}
