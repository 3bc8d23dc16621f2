import type { PlanSummary } from "../terraform";

/** Several roots' plans as one summary (what a reconcile's approver reads): counts added, changes in root order. */
export function mergePlanSummaries(summaries: PlanSummary[]): PlanSummary {
  const sum = (k: keyof PlanSummary["counts"]) => summaries.reduce((n, s) => n + s.counts[k], 0);
  return {
    counts: { add: sum("add"), change: sum("change"), destroy: sum("destroy"), replace: sum("replace"), import: sum("import"), forget: sum("forget") },
    hasChanges: summaries.some((s) => s.hasChanges),
    changes: summaries.flatMap((s) => s.changes),
    replaced: summaries.flatMap((s) => s.replaced),
    deleted: summaries.flatMap((s) => s.deleted),
    requiresApproval: summaries.some((s) => s.requiresApproval),
    approvalReasons: summaries.flatMap((s) => s.approvalReasons),
    downtime: summaries.find((s) => s.downtime)?.downtime ?? null,
    terraformVersion: summaries.find((s) => s.terraformVersion)?.terraformVersion ?? null,
    errored: summaries.some((s) => s.errored),
  };
}
