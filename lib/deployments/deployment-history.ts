import { checkDeploymentSlug } from "./check-deployment-path";
import { DEPLOYMENTS_BRANCH, toDeploymentsRepo, type DeploymentsRepoInput } from "./deployments-repo";
import { parseCommitMessage } from "./parse-commit-message";
import { readableGitDir } from "./readable-git-dir";
import { runGit } from "./run-git";

export interface DeploymentCommit {
  sha: string;
  shortSha: string;
  /** Committer date, ISO 8601. */
  date: string;
  summary: string;
  jobId: string | null;
  jobKind: string | null;
  startedBy: { email: string; role: string | null } | null;
}

/** The latest commits on main that touched `<slug>/`, newest first. Empty for a new repository. */
export async function deploymentHistory(options: { repo: DeploymentsRepoInput; slug: string; limit?: number }): Promise<DeploymentCommit[]> {
  const slug = checkDeploymentSlug(options.slug);
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
  const gitDir = await readableGitDir(toDeploymentsRepo(options.repo), { fresh: false });
  const config = { "safe.directory": gitDir };
  const ref = `refs/heads/${DEPLOYMENTS_BRANCH}`;
  const head = await runGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { gitDir, config, okExitCodes: [1] });
  if (head.exitCode !== 0) return [];
  // NUL between fields and (with -z) between commits: a commit message cannot contain one.
  const log = await runGit(["log", "-z", `--max-count=${limit}`, "--format=%H%x00%h%x00%cI%x00%B", ref, "--", `${slug}/`], { gitDir, config });
  return parseLog(slug, log.stdout);
}

function parseLog(slug: string, output: string): DeploymentCommit[] {
  const fields = output.split("\0");
  const commits: DeploymentCommit[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [sha, shortSha, date, body] = fields.slice(i, i + 4);
    commits.push({ sha, shortSha, date, ...parseCommitMessage(slug, body) });
  }
  return commits;
}
