"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { AuditPage } from "@/lib/audit/list-audit-events";
import { auditKeys } from "./query-keys";

/** A page of audit events for the filters in `params` (a query string, as in the page URL). */
export function useAuditEvents(params: string) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: () => apiFetch<AuditPage>(`/api/audit?${params}`),
    placeholderData: keepPreviousData,
  });
}
