import { deploymentFiles } from "../deployments/deployment-files";
import { COLOURS } from "../instances/colours";
import { deploymentsRepo } from "../provisioning/deployment-terraform";
import type { DeploymentRoot } from "../provisioning/render-deployment";

/**
 * The roots a drift check plans: `infrastructure` and every colour whose folder is in the
 * deployments repository (the serving one, and the other during or after a failed upgrade).
 * `gcp-tfstate` keeps its state in git beside it (the runbook's bootstrap) and creates only
 * the bucket; it is not planned.
 */
export async function deploymentRoots(slug: string): Promise<DeploymentRoot[]> {
  const files = await deploymentFiles({ repo: deploymentsRepo(), slug });
  const folders = new Set(files.map((f) => f.path.split("/")[0]));
  return (["infrastructure", ...COLOURS] as const).filter((root) => folders.has(root));
}
