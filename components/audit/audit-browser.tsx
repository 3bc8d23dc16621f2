"use client";
import { useUrlParams } from "../instances/use-url-params";
import { Pager } from "../ui/pager";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { useAuditEvents } from "./use-audit-events";

/** `/audit`: every recorded change, filtered by the URL's parameters. */
export function AuditBrowser() {
  const { searchParams, update } = useUrlParams();
  const { data, isPending, isError, error, isFetching } = useAuditEvents(searchParams.toString());
  return (
    <div>
      <AuditFilters searchParams={searchParams} update={update} />
      <p className="mb-2 text-sm text-slate-500" aria-live="polite">
        {data ? `${data.total} event${data.total === 1 ? "" : "s"}` : ""}
        {isFetching && data ? " · updating…" : ""}
      </p>
      <div tabIndex={0} className="overflow-x-auto rounded border border-slate-200 bg-white p-3">
        {isPending && <p className="text-sm text-slate-500">Loading audit events…</p>}
        {isError && <p className="text-sm text-red-700" role="alert">Could not load audit events: {error.message}</p>}
        {data && <AuditTable events={data.items} />}
      </div>
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} />}
    </div>
  );
}
