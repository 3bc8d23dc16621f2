"use client";
import { DeploymentFileList } from "./deployment-file-list";
import { DeploymentHistoryTable } from "./deployment-history-table";
import { useInstanceDeployment } from "./use-instance-deployment";

/** "Deployment (git)": every rendered change to the instance as a commit, and the files now. */
export function InstanceDeployment({ slug }: { slug: string }) {
  const { data, isPending, isError, error } = useInstanceDeployment(slug);
  if (isPending) return <p className="text-sm text-slate-500">Loading the deployment history…</p>;
  if (isError) return <p className="text-sm text-red-700" role="alert">Could not load the deployment history: {error.message}</p>;
  if (!data.configured) {
    return <p className="text-sm text-slate-500" data-testid="deployment-not-configured">No deployments repository is configured (set DEPLOYMENTS_REPO).</p>;
  }
  return (
    <div className="space-y-4" data-testid="instance-deployment">
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">History</h3>
        <DeploymentHistoryTable commits={data.history} />
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Current files</h3>
        <DeploymentFileList files={data.files} />
      </div>
    </div>
  );
}
