interface PlanSummaryLike {
  counts?: { add: number; change: number; destroy: number; replace?: number };
  replaced?: { address: string; reason?: string | null }[];
  downtime?: { seconds: number | null; text: string } | null;
}

/** A step's recorded detail: a Terraform plan summary gets its own view, anything else JSON. */
export function StepDetail({ detail }: { detail: unknown }) {
  if (detail === null || detail === undefined) return null;
  const plan = (detail as { plan?: PlanSummaryLike }).plan ?? (detail as PlanSummaryLike);
  if (plan && typeof plan === "object" && plan.counts) {
    return (
      <div className="mt-2 rounded border border-slate-200 bg-slate-50 p-2 text-xs" data-testid="plan-summary">
        <div>
          Plan: <b>{plan.counts.add}</b> to add, <b>{plan.counts.change}</b> to change, <b>{plan.counts.destroy}</b> to destroy
          {plan.counts.replace ? <> (<b>{plan.counts.replace}</b> replaced)</> : null}
        </div>
        {plan.replaced && plan.replaced.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {plan.replaced.map((r) => (
              <li key={r.address}>
                replace <span className="font-mono">{r.address}</span>
                {r.reason ? ` (${r.reason})` : ""}
              </li>
            ))}
          </ul>
        )}
        {plan.downtime?.seconds ? (
          <p className="mt-1 font-medium text-red-700">
            Downtime ≈ {Math.floor(plan.downtime.seconds / 60)}m{plan.downtime.seconds % 60}s: {plan.downtime.text}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-500">detail</summary>
      <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-50 p-2">{JSON.stringify(detail, null, 2)}</pre>
    </details>
  );
}
