"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { UserView } from "@/lib/users/user-view";
import { userKeys } from "./query-keys";

export function useChangeUserRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) =>
      apiFetch<{ user: UserView }>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ role }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
