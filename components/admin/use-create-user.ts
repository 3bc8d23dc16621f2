"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { UserView } from "@/lib/users/user-view";
import { userKeys } from "./query-keys";

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: string }) =>
      apiFetch<{ user: UserView }>("/api/users", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
