"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { UserView } from "@/lib/users/user-view";
import { userKeys } from "./query-keys";

export function useUsers() {
  return useQuery({ queryKey: userKeys.list(), queryFn: () => apiFetch<{ items: UserView[] }>("/api/users") });
}
