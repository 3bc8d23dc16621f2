"use client";
import { useQuery } from "@tanstack/react-query";
import type { ImportCandidate } from "@/lib/imports/list-import-candidates";
import { apiFetch } from "../api-client";
import { importKeys } from "./query-keys";

export function useImportCandidates() {
  return useQuery({ queryKey: importKeys.candidates(), queryFn: () => apiFetch<{ parent: string | null; candidates: ImportCandidate[]; problem?: string }>("/api/import/candidates") });
}
