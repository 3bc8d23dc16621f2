"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { DeliveryView } from "@/lib/notify/list-deliveries";
import { notificationKeys } from "./query-keys";

/** The delivery log, refreshed every 3 s so retries show as they happen. */
export function useDeliveries() {
  return useQuery({
    queryKey: notificationKeys.deliveries(),
    queryFn: () => apiFetch<{ items: DeliveryView[] }>("/api/notification-deliveries?limit=50"),
    refetchInterval: 3_000,
  });
}
