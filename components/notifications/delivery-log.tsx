"use client";
import type { DeliveryView } from "@/lib/notify/list-deliveries";
import { useDeliveries } from "./use-deliveries";

const STATUS_CLASS: Record<DeliveryView["status"], string> = {
  delivered: "bg-emerald-100 text-emerald-800",
  pending: "bg-amber-100 text-amber-800",
  sending: "bg-sky-100 text-sky-800",
  failed: "bg-red-100 text-red-800",
};

/** The last 50 deliveries: what was sent where, how many attempts, and why one failed. */
export function DeliveryLog() {
  const { data, isPending, isError, error } = useDeliveries();
  if (isPending) return <p className="text-sm text-slate-500">Loading the delivery log…</p>;
  if (isError) return <p className="text-sm text-red-700" role="alert">Could not load the delivery log: {error.message}</p>;
  if (!data.items.length) return <p className="text-sm text-slate-500">Nothing sent yet.</p>;
  return (
    <table className="min-w-full text-sm" data-testid="delivery-log">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">When</th>
          <th className="py-1 pr-3">Channel</th>
          <th className="py-1 pr-3">Event</th>
          <th className="py-1 pr-3">Status</th>
          <th className="py-1 pr-3">Attempts</th>
          <th className="py-1 pr-3">Last answer</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {data.items.map((d) => (
          <tr key={d.id} data-testid="delivery-row">
            <td className="py-1.5 pr-3 text-xs text-slate-500" title={d.createdAt}>{d.createdAt.slice(0, 19).replace("T", " ")}</td>
            <td className="py-1.5 pr-3">{d.channelName}</td>
            <td className="py-1.5 pr-3 text-xs">{d.text}</td>
            <td className="py-1.5 pr-3">
              <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_CLASS[d.status]}`}>{d.status}</span>
              {d.nextAttemptAt && d.status === "pending" && <span className="ml-1 text-xs text-slate-500">retry at {d.nextAttemptAt.slice(11, 19)}</span>}
            </td>
            <td className="py-1.5 pr-3 text-xs">{d.attempts}</td>
            <td className="py-1.5 pr-3 text-xs text-slate-600">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
