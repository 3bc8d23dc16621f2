import type { DeploymentFile } from "@/lib/deployments/deployment-files";

const OMITTED: Record<NonNullable<DeploymentFile["omitted"]>, string> = {
  binary: "binary file, not shown",
  "too large": "too large to show here",
  "page limit": "not shown: the page shows the first files only",
};

/** The instance's files as they are on main, one collapsible block each. */
export function DeploymentFileList({ files }: { files: DeploymentFile[] }) {
  if (!files.length) return <p className="text-sm text-slate-500">No files in the repository for this instance yet.</p>;
  return (
    <div className="space-y-1" data-testid="deployment-files">
      {files.map((f) => (
        <details key={f.path} className="rounded border border-slate-200" data-testid="deployment-file">
          <summary className="cursor-pointer px-2 py-1 font-mono text-xs">
            {f.path} <span className="text-slate-500">({f.size.toLocaleString("en-US")} bytes)</span>
          </summary>
          {f.contents !== null ? (
            <pre tabIndex={0} className="max-h-96 overflow-auto border-t border-slate-200 bg-slate-50 p-2 text-xs">{f.contents}</pre>
          ) : (
            <p className="border-t border-slate-200 px-2 py-1 text-xs text-slate-500">{f.omitted ? OMITTED[f.omitted] : "not shown"}</p>
          )}
        </details>
      ))}
    </div>
  );
}
