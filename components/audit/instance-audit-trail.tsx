"use client";
import Link from "next/link";
import { AuditTable } from "./audit-table";
import { useAuditEvents } from "./use-audit-events";

/** The instance page's latest 20 audit events, with a link to the full, filtered log. */
export function InstanceAuditTrail({ slug }: { slug: string }) {
  const params = new URLSearchParams({ instance: slug });
  const { data, isPending, isError, error } = useAuditEvents(`${params}&pageSize=20`);
  return (
    <div data-testid="audit-trail">
      {isPending && <p className="text-sm text-slate-500">Loading audit trail…</p>}
      {isError && <p className="text-sm text-red-700" role="alert">Could not load the audit trail: {error.message}</p>}
      {data && (data.items.length ? <AuditTable events={data.items} showInstance={false} /> : <p className="text-sm text-slate-500">No changes recorded yet.</p>)}
      {data && data.total > 0 && (
        <Link href={`/audit?${params}`} className="mt-2 inline-block text-sm text-sky-800 hover:underline">
          {data.total > data.items.length ? `All ${data.total} events` : "Open in the audit log"} →
        </Link>
      )}
    </div>
  );
}
