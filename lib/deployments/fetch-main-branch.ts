import { DEPLOYMENTS_BRANCH } from "./deployments-repo";
import { runGit, type RunGitOptions } from "./run-git";

/**
 * Fetches the repository's main branch from `url` into `localRef` of the repository that
 * `where` names (a clone's cwd or a bare gitDir). Returns false when the repository has no
 * main branch yet (a new, empty repository); any other failure throws.
 */
export async function fetchMainBranch(
  url: string,
  localRef: string,
  where: Pick<RunGitOptions, "cwd" | "gitDir">,
  options: { depth?: number } = {},
): Promise<boolean> {
  const remoteRef = `refs/heads/${DEPLOYMENTS_BRANCH}`;
  const depth = options.depth ? [`--depth=${options.depth}`] : [];
  try {
    await runGit(["fetch", "--quiet", "--no-tags", ...depth, "--", url, `+${remoteRef}:${localRef}`], where);
    return true;
  } catch (error) {
    // Only an empty repository answers without a main branch; anything else is a real failure.
    const heads = await runGit(["ls-remote", "--heads", "--", url, remoteRef], where);
    if (heads.stdout.trim() === "") return false;
    throw error;
  }
}
