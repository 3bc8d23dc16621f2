const STATUS_COLORS: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-800",
  provisioning: "bg-sky-100 text-sky-800",
  upgrading: "bg-indigo-100 text-indigo-800",
  maintenance: "bg-amber-100 text-amber-800",
  suspended: "bg-violet-100 text-violet-800",
  failed: "bg-red-100 text-red-800",
  deleting: "bg-slate-200 text-slate-700",
  deleted: "bg-slate-100 text-slate-600",
  healthy: "bg-emerald-100 text-emerald-800",
  degraded: "bg-amber-100 text-amber-800",
  down: "bg-red-100 text-red-800",
  unknown: "bg-slate-100 text-slate-600",
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  waiting: "bg-amber-100 text-amber-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  cancelled: "bg-slate-200 text-slate-700",
  pending: "bg-slate-100 text-slate-600",
  skipped: "bg-slate-100 text-slate-600",
  paused: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  aborted: "bg-slate-200 text-slate-700",
};

export function Badge({ value }: { value: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLORS[value] ?? "bg-slate-100 text-slate-700"}`}>
      {value}
    </span>
  );
}
