"use client";
import { useUrlParams } from "../instances/use-url-params";

/** Previous / next for a page of results whose page number lives in the URL. */
export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { update } = useUrlParams();
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  if (totalPages <= 1) return null;
  const go = (n: number) => update({ page: String(n) }, { resetPage: false });
  return (
    <div className="mt-3 flex items-center gap-2 text-sm">
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)} className="rounded border px-3 py-1 disabled:opacity-40">Previous</button>
      <span>Page {page} of {totalPages}</span>
      <button type="button" disabled={page >= totalPages} onClick={() => go(page + 1)} className="rounded border px-3 py-1 disabled:opacity-40">Next</button>
    </div>
  );
}
