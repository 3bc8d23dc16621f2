"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { SnapshotView } from "@/lib/lifecycle/list-instance-snapshots";
import { lifecycleKeys } from "./query-keys";

export function useSnapshots(slug: string) {
  return useQuery({ queryKey: lifecycleKeys.snapshots(slug), queryFn: () => apiFetch<{ items: SnapshotView[]; unavailable?: string }>(`/api/instances/${slug}/snapshots`) });
}
