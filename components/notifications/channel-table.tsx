"use client";
import { EVENT_KINDS, type EventKind } from "@/lib/notify/event-kinds";
import type { ChannelView } from "@/lib/notify/channel-view";

/** The channels, with what each listens to; switch on/off and delete. */
export function ChannelTable({ channels, onToggle, onDelete }: { channels: ChannelView[]; onToggle: (c: ChannelView) => void; onDelete: (c: ChannelView) => void }) {
  if (!channels.length) return <p className="text-sm text-slate-500">No channels yet: nobody is told about anything.</p>;
  return (
    <table className="min-w-full text-sm" data-testid="channel-table">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">Name</th>
          <th className="py-1 pr-3">Kind</th>
          <th className="py-1 pr-3">URL</th>
          <th className="py-1 pr-3">Events</th>
          <th className="py-1 pr-3">Instances</th>
          <th className="py-1 pr-3">Enabled</th>
          <th className="py-1 pr-3" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {channels.map((c) => (
          <tr key={c.id} data-testid={`channel-${c.name}`}>
            <td className="py-1.5 pr-3 font-medium">{c.name}</td>
            <td className="py-1.5 pr-3">{c.kind === "slack" ? "Slack" : `Webhook${c.signed ? " (signed)" : ""}`}</td>
            <td className="py-1.5 pr-3 font-mono text-xs">{c.urlHint}</td>
            <td className="py-1.5 pr-3 text-xs">{c.eventKinds.length ? c.eventKinds.map((k) => EVENT_KINDS[k as EventKind] ?? k).join(", ") : "every event"}</td>
            <td className="py-1.5 pr-3 text-xs">{c.instances.length ? c.instances.map((i) => i.slug).join(", ") : "every instance"}</td>
            <td className="py-1.5 pr-3">
              <input type="checkbox" aria-label={`Enabled: ${c.name}`} checked={c.enabled} onChange={() => onToggle(c)} />
            </td>
            <td className="py-1.5 pr-3 text-right">
              <button type="button" onClick={() => onDelete(c)} className="text-xs text-red-700 underline">Delete</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
