"use client";
import { JOB_KIND_NAMES, JOB_STATUS_NAMES } from "@/lib/runbooks/kinds";
import { Pager } from "../ui/pager";
import { useUrlParams } from "../instances/use-url-params";
import { JobTable } from "./job-table";
import { useJobs } from "./use-jobs";

export function JobsBrowser() {
  const { searchParams, update } = useUrlParams();
  const { data, isPending, isError, error } = useJobs("/api/jobs", searchParams.toString());
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        <input
          type="search"
          defaultValue={searchParams.get("instance") ?? ""}
          onChange={(e) => update({ instance: e.target.value.trim().toLowerCase() || null })}
          placeholder="Instance slug"
          aria-label="Filter by instance"
          className="rounded border border-slate-300 px-2 py-1"
        />
        <select aria-label="Filter by kind" value={searchParams.get("kind") ?? ""} onChange={(e) => update({ kind: e.target.value || null })} className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">any kind</option>
          {JOB_KIND_NAMES.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <select aria-label="Filter by status" value={searchParams.get("status") ?? ""} onChange={(e) => update({ status: e.target.value || null })} className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">any status</option>
          {JOB_STATUS_NAMES.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        {data && <span className="text-slate-500">{data.total} job{data.total === 1 ? "" : "s"}</span>}
      </div>
      <div className="rounded border border-slate-200 bg-white p-3">
        {isPending && <p className="text-sm text-slate-500">Loading jobs…</p>}
        {isError && <p className="text-sm text-red-700" role="alert">Could not load jobs: {error.message}</p>}
        {data && <JobTable jobs={data.items} />}
      </div>
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} />}
    </div>
  );
}
