import Link from "next/link";
import type { DeploymentCommit } from "@/lib/deployments/deployment-history";

/** The commits that changed the instance's folder, newest first, each linked to its job. */
export function DeploymentHistoryTable({ commits }: { commits: DeploymentCommit[] }) {
  if (!commits.length) return <p className="text-sm text-slate-500">No commits for this instance yet.</p>;
  return (
    <table className="min-w-full text-sm" data-testid="deployment-history">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">Commit</th>
          <th className="py-1 pr-3">When</th>
          <th className="py-1 pr-3">Change</th>
          <th className="py-1 pr-3">Started by</th>
          <th className="py-1 pr-3">Job</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {commits.map((c) => (
          <tr key={c.sha} data-testid="deployment-commit">
            <td className="py-1.5 pr-3 font-mono text-xs" title={c.sha}>{c.shortSha}</td>
            <td className="whitespace-nowrap py-1.5 pr-3 text-xs text-slate-600" title={c.date}>{new Date(c.date).toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="py-1.5 pr-3">{c.summary}</td>
            <td className="py-1.5 pr-3 text-xs">
              {c.startedBy ? (
                <>
                  {c.startedBy.email}
                  {c.startedBy.role && <span className="text-slate-500"> ({c.startedBy.role})</span>}
                </>
              ) : (
                "—"
              )}
            </td>
            <td className="py-1.5 pr-3 text-xs">
              {c.jobId ? (
                <Link href={`/jobs/${encodeURIComponent(c.jobId)}`} className="text-sky-800 hover:underline">
                  {c.jobKind ?? "job"} {c.jobId.slice(0, 8)}
                </Link>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
