"use client";
import type { InstanceView } from "@/lib/instances/instance-view";
import { useStartLifecycleJob } from "../lifecycle/use-start-lifecycle-job";
import { Section } from "../ui/section";
import { DriftBadge } from "./drift-badge";

interface RootDrift {
  root: string;
  changes: { address: string; action: string; reason: string | null }[];
}

const ACTION_GLYPH: Record<string, string> = { create: "▲ create", update: "↷ update", replace: "↷ replace", delete: "✖ delete", forget: "‖ forget" };

/**
 * The instance's last drift check (README "Drift detection"): status, when, the plan's
 * changes per root, and the buttons to check now and to reconcile (plan, approval, apply).
 */
export function InstanceDrift({ instance: i, canCheck, canReconcile }: { instance: InstanceView; canCheck: boolean; canReconcile: boolean }) {
  const start = useStartLifecycleJob(i.slug);
  if (i.status === "deleted" || i.status === "provisioning") return null;
  const live = i.status === "active" || i.status === "suspended";
  const managed = i.vmName !== "prod";
  const roots = ((i.drift?.summary as { roots?: RootDrift[] } | null)?.roots ?? []).filter((r) => r.changes.length);
  return (
    <Section
      title="Drift"
      actions={
        live && managed ? (
          <span className="flex gap-2">
            {canCheck && <button type="button" className="rounded border px-2 py-0.5 text-xs" onClick={() => start.mutate({ kind: "drift-check" })}>Check drift now</button>}
            {canReconcile && i.drift?.status === "drifted" && (
              <button type="button" className="rounded border border-amber-700 px-2 py-0.5 text-xs text-amber-900" onClick={() => start.mutate({ kind: "reconcile" })}>Reconcile…</button>
            )}
          </span>
        ) : undefined
      }
    >
      <div className="space-y-2 text-sm" data-testid="instance-drift">
        <div className="flex items-center gap-2">
          <DriftBadge drift={i.drift} />
          {i.drift?.checkedAt && <span className="text-xs text-slate-600">checked {new Date(i.drift.checkedAt).toLocaleString()}</span>}
        </div>
        {!managed && <p className="text-xs text-slate-600">Built by hand (VM prod): there is no Terraform of ours to compare it with until it is imported.</p>}
        {i.drift?.error && <p className="text-xs text-red-800" role="alert">{i.drift.error}</p>}
        {roots.map((r) => (
          <div key={r.root}>
            <div className="text-xs font-medium text-slate-700">{r.root}</div>
            <ul className="ml-4 list-disc font-mono text-xs">
              {r.changes.map((c) => (
                <li key={c.address}>
                  {ACTION_GLYPH[c.action] ?? c.action} {c.address}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {start.error && <p className="text-red-700" role="alert">{start.error.message}</p>}
      </div>
    </Section>
  );
}
