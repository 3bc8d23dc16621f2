"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { ChannelView } from "@/lib/notify/channel-view";
import { notificationKeys } from "./query-keys";

export function useNotificationChannels() {
  return useQuery({ queryKey: notificationKeys.channels(), queryFn: () => apiFetch<{ items: ChannelView[] }>("/api/notification-channels") });
}
