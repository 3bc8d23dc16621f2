"use client";
import { useEffect, useState } from "react";
import { DRIFT_STATES, HEALTH_STATES, INSTANCE_STATUSES } from "@/lib/instances/list-query";
import { SEED_VERSIONS } from "@/lib/instances/versions";
import { useUrlParams } from "./use-url-params";

function toggle(csv: string | null, value: string): string {
  const set = new Set((csv ?? "").split(",").filter(Boolean));
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return [...set].join(",");
}

function Chips({ name, values }: { name: "status" | "health" | "drift"; values: readonly string[] }) {
  const { searchParams, update } = useUrlParams();
  const selected = new Set((searchParams.get(name) ?? "").split(",").filter(Boolean));
  return (
    <fieldset className="flex flex-wrap items-center gap-1">
      <legend className="sr-only">{name}</legend>
      <span className="mr-1 text-xs font-medium uppercase text-slate-500">{name}</span>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={selected.has(v)}
          onClick={() => update({ [name]: toggle(searchParams.get(name), v) })}
          className={`rounded-full border px-2 py-0.5 text-xs ${selected.has(v) ? "border-sky-700 bg-sky-700 text-white" : "border-slate-300 bg-white text-slate-700"}`}
        >
          {v.replace("_", " ")}
        </button>
      ))}
    </fieldset>
  );
}

export function InstanceFilters() {
  const { searchParams, update } = useUrlParams();
  const urlQ = searchParams.get("q") ?? "";
  const [q, setQ] = useState(urlQ);
  useEffect(() => setQ(urlQ), [urlQ]);
  useEffect(() => {
    if (q === urlQ) return;
    const t = setTimeout(() => update({ q: q.trim() || null }), 250);
    return () => clearTimeout(t);
  }, [q, urlQ, update]);
  return (
    <div className="mb-4 space-y-3">
      <input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search by customer, slug, domain, or paste an IP"
        aria-label="Search instances"
        className="w-full rounded border border-slate-300 px-3 py-2 shadow-sm focus:border-sky-600 focus:outline-none"
      />
      <div className="flex flex-wrap items-center gap-4">
        <Chips name="status" values={INSTANCE_STATUSES} />
        <Chips name="health" values={HEALTH_STATES} />
        <Chips name="drift" values={DRIFT_STATES} />
        <label className="flex items-center gap-1 text-xs font-medium uppercase text-slate-500">
          version
          <select
            aria-label="Filter by version"
            value={searchParams.get("version") ?? ""}
            onChange={(e) => update({ version: e.target.value || null })}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-sm normal-case text-slate-800"
          >
            <option value="">any</option>
            {[...SEED_VERSIONS].reverse().map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        </label>
        {searchParams.toString() && (
          <button type="button" onClick={() => { setQ(""); update({ q: null, status: null, health: null, drift: null, version: null, sort: null, dir: null }); }} className="text-xs text-sky-700 underline">
            Clear all
          </button>
        )}
      </div>
    </div>
  );
}
