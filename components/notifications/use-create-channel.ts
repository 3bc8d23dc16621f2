"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { ChannelView } from "@/lib/notify/channel-view";
import { notificationKeys } from "./query-keys";

export interface NewChannel {
  name: string;
  kind: "slack" | "webhook";
  url: string;
  signingSecret?: string;
  eventKinds: string[];
  instances: string[];
}

export function useCreateChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewChannel) =>
      apiFetch<{ channel: ChannelView; signingSecret?: string }>("/api/notification-channels", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
