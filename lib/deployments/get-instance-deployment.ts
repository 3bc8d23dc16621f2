import { findInstanceRow } from "../instances/get-instance";
import { deploymentFiles, type DeploymentFile } from "./deployment-files";
import { deploymentHistory, type DeploymentCommit } from "./deployment-history";
import type { DeploymentsRepo } from "./deployments-repo";
import { AppError } from "../errors/app-error";
import { GitError } from "./git-error";

export interface InstanceDeployment {
  /** False when no deployments repository is configured (then both lists are empty). */
  configured: boolean;
  history: DeploymentCommit[];
  files: DeploymentFile[];
}

/**
 * The instance page's "Deployment (git)" section: the commits that touched the instance's
 * folder, newest first, and its current files. An unknown slug is "not found"; a repository
 * that cannot be read is "unavailable" (the detail goes to the server log, not the page).
 */
export async function getInstanceDeployment(slug: string, repo: DeploymentsRepo | null, options: { limit?: number } = {}): Promise<InstanceDeployment> {
  const instance = await findInstanceRow(slug);
  if (!repo) return { configured: false, history: [], files: [] };
  try {
    const [history, files] = await Promise.all([
      deploymentHistory({ repo, slug: instance.slug, limit: options.limit ?? 50 }),
      deploymentFiles({ repo, slug: instance.slug }),
    ]);
    return { configured: true, history, files };
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    console.error("[deployments] reading the repository failed:", error.message);
    throw new AppError("unavailable", "the deployments repository could not be read; try again shortly");
  }
}
