"use client";

type Update = (changes: Record<string, string | null>) => void;

const FIELDS = [
  { key: "actor", label: "Actor email", type: "search", placeholder: "alice@example.com" },
  { key: "action", label: "Action", type: "search", placeholder: "job.create or job" },
  { key: "instance", label: "Instance slug", type: "search", placeholder: "acme" },
  { key: "from", label: "From", type: "date", placeholder: "" },
  { key: "to", label: "To", type: "date", placeholder: "" },
] as const;

/** The filters live in the URL (shareable); each input writes its own parameter. */
export function AuditFilters({ searchParams, update }: { searchParams: URLSearchParams; update: Update }) {
  return (
    <div className="mb-3 flex flex-wrap items-end gap-3 text-sm">
      {FIELDS.map((f) => (
        <label key={f.key} className="flex flex-col text-xs text-slate-500">
          {f.label}
          <input
            type={f.type}
            defaultValue={searchParams.get(f.key) ?? ""}
            onChange={(e) => update({ [f.key]: e.target.value.trim() || null })}
            placeholder={f.placeholder}
            aria-label={`Filter by ${f.label.toLowerCase()}`}
            className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
          />
        </label>
      ))}
    </div>
  );
}
