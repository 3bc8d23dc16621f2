"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReleaseView } from "@/lib/releases/list-releases";
import { apiFetch } from "../api-client";
import { releaseKeys } from "./query-keys";

export function useReleases() {
  return useQuery({ queryKey: releaseKeys.list(), queryFn: () => apiFetch<{ releases: ReleaseView[] }>("/api/releases") });
}
