"use client";
import Link from "next/link";
import { ProvisioningProgress } from "../provisioning/provisioning-progress";
import { Badge } from "../ui/badges";
import { DriftBadge } from "../drift/drift-badge";
import { InstanceFilters } from "./instance-filters";
import { useInstances } from "./use-instances";
import { useUrlParams } from "./use-url-params";

const COLUMNS: { key: string; label: string; sortable: boolean }[] = [
  { key: "displayName", label: "Customer", sortable: true },
  { key: "status", label: "Status", sortable: true },
  { key: "health", label: "Health", sortable: true },
  { key: "drift", label: "Drift", sortable: false },
  { key: "version", label: "Version", sortable: true },
  { key: "zone", label: "Zone", sortable: true },
  { key: "url", label: "URL", sortable: false },
  { key: "globalIp", label: "Global IP", sortable: false },
  { key: "natIps", label: "NAT IPs", sortable: false },
];

export function InstanceTable({ canSeeIps }: { canSeeIps: boolean }) {
  const { searchParams, update } = useUrlParams();
  const params = searchParams.toString();
  const { data, isPending, isError, error, isFetching, refetch } = useInstances(params);
  const sort = searchParams.get("sort") ?? "slug";
  const dir = searchParams.get("dir") ?? "asc";
  const columns = COLUMNS.filter((c) => canSeeIps || (c.key !== "globalIp" && c.key !== "natIps"));

  function sortBy(key: string) {
    update({ sort: key, dir: sort === key && dir === "asc" ? "desc" : "asc" });
  }

  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div>
      <InstanceFilters />
      <div className="mb-2 flex items-center justify-between text-sm text-slate-600">
        <span data-testid="result-count">{data ? `${data.total} instance${data.total === 1 ? "" : "s"}` : " "}</span>
        {isFetching && !isPending && <span className="text-xs text-slate-500">updating…</span>}
      </div>
      <div tabIndex={0} className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="instance-table">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr>
              {columns.map((c) => (
                <th key={c.key} className="px-3 py-2" aria-sort={sort === c.key ? (dir === "asc" ? "ascending" : "descending") : undefined}>
                  {c.sortable ? (
                    <button type="button" onClick={() => sortBy(c.key)} className="uppercase hover:text-slate-900">
                      {c.label} {sort === c.key ? (dir === "asc" ? "▲" : "▼") : ""}
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {isPending &&
              Array.from({ length: 8 }, (_, i) => (
                <tr key={i} aria-hidden>
                  <td colSpan={columns.length} className="px-3 py-3">
                    <div className="h-4 animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))}
            {isError && (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-red-700" role="alert">
                  Could not load instances: {error.message}{" "}
                  <button type="button" className="underline" onClick={() => refetch()}>Retry</button>
                </td>
              </tr>
            )}
            {data && data.items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-3 py-10 text-center text-slate-500">
                  No instances match. Try a different search, or clear the filters.
                </td>
              </tr>
            )}
            {data?.items.map((i) => (
              <tr key={i.slug} className="hover:bg-slate-50">
                <td className="px-3 py-2">
                  <Link href={`/instances/${i.slug}`} className="font-medium text-sky-800 hover:underline">{i.displayName}</Link>
                  <div className="text-xs text-slate-500">{i.slug}</div>
                </td>
                <td className="px-3 py-2"><Badge value={i.status} />{i.status === "provisioning" && <div><ProvisioningProgress slug={i.slug} /></div>}</td>
                {/* Nothing is checked while suspended: say so rather than "down" or "unknown". */}
                <td className="px-3 py-2"><Badge value={i.status === "suspended" ? "suspended" : i.health} /></td>
                <td className="px-3 py-2"><DriftBadge drift={i.drift} /></td>
                <td className="px-3 py-2 font-mono text-xs">{i.version}</td>
                <td className="px-3 py-2 text-xs">{i.zone}</td>
                <td className="px-3 py-2 text-xs"><a href={i.externalUrl} className="text-sky-800 hover:underline" rel="noreferrer" target="_blank">{i.domain}</a></td>
                {canSeeIps && <td className="px-3 py-2 font-mono text-xs">{i.globalIp ?? "—"}</td>}
                {canSeeIps && <td className="px-3 py-2 font-mono text-xs">{i.natIps.length ? i.natIps.join(", ") : "—"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data && data.total > 0 && (
        <div className="mt-3 flex items-center justify-between text-sm">
          <span className="text-slate-600">Page {data.page} of {totalPages}</span>
          <div className="flex items-center gap-2">
            <label className="text-slate-600">
              Per page{" "}
              <select value={String(data.pageSize)} onChange={(e) => update({ pageSize: e.target.value })} className="rounded border border-slate-300 bg-white px-1">
                {[25, 50, 100, 200].map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <button type="button" disabled={data.page <= 1} onClick={() => update({ page: String(data.page - 1) }, { resetPage: false })} className="rounded border border-slate-300 bg-white px-3 py-1 disabled:opacity-40">Previous</button>
            <button type="button" disabled={data.page >= totalPages} onClick={() => update({ page: String(data.page + 1) }, { resetPage: false })} className="rounded border border-slate-300 bg-white px-3 py-1 disabled:opacity-40">Next</button>
          </div>
        </div>
      )}
    </div>
  );
}
