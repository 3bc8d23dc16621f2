import type { InstanceView } from "@/lib/instances/instance-view";

const LOOK: Record<string, { text: (n: number | null) => string; className: string }> = {
  in_sync: { text: () => "✔ in sync", className: "bg-emerald-100 text-emerald-800" },
  drifted: { text: (n) => `≋ drifted (${n ?? "?"} change${n === 1 ? "" : "s"})`, className: "bg-amber-100 text-amber-900" },
  failed: { text: () => "✖ check failed", className: "bg-red-100 text-red-800" },
  not_managed: { text: () => "‖ not managed by Terraform", className: "bg-slate-100 text-slate-700" },
};

/** The last drift check, as the fleet table and the instance page show it. */
export function DriftBadge({ drift }: { drift: InstanceView["drift"] }) {
  if (!drift) return <span className="text-xs text-slate-600">not checked</span>;
  const look = LOOK[drift.status]!;
  return (
    <span data-testid="drift-badge" data-drift={drift.status} className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${look.className}`}>
      {look.text(drift.changes)}
    </span>
  );
}
