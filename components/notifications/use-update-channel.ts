"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { ChannelView } from "@/lib/notify/channel-view";
import { notificationKeys } from "./query-keys";

export function useUpdateChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; enabled?: boolean }) =>
      apiFetch<{ channel: ChannelView }>(`/api/notification-channels/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(change) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
