"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { instanceKeys } from "../instances/query-keys";
import { healthKeys } from "./query-keys";

/** "Check now": runs the instance's checks on the server and waits for the result. */
export function useCheckNow(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ state: string }>(`/api/instances/${encodeURIComponent(slug)}/health-check`, { method: "POST" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: healthKeys.all });
      void queryClient.invalidateQueries({ queryKey: instanceKeys.all });
    },
  });
}
