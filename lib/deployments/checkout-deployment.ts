import { mkdir, mkdtemp, readdir, rm, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "../errors/app-error";
import { checkDeploymentPath, checkDeploymentSlug } from "./check-deployment-path";
import { DEPLOYMENTS_BRANCH, toDeploymentsRepo, type DeploymentsRepoInput } from "./deployments-repo";
import { readableGitDir } from "./readable-git-dir";
import { runGit } from "./run-git";

export interface CheckoutDeploymentOptions {
  repo: DeploymentsRepoInput;
  slug: string;
  /** The folder under `<slug>/`: `infrastructure`, `gcp-tfstate`. */
  subdir: string;
  /** The local directory Terraform runs in; created when missing. */
  into: string;
}

/** Configuration files: what a checkout replaces. State, `.terraform/`, plans and the lock file stay. */
const CONFIGURATION = /\.(tf|tf\.json|tfvars|tfvars\.json)$/;

/**
 * Materialises the latest `<slug>/<subdir>` from main into `into`, as a worker on any machine
 * does before running Terraform (state lives in a bucket, configuration in git). Tracked
 * files are overwritten; configuration files that are no longer in git are removed;
 * everything else in `into` (`.terraform/`, plan files, the lock file) is left alone.
 * Returns the sha of the commit on main the files came from.
 */
export async function checkoutDeployment(options: CheckoutDeploymentOptions): Promise<string> {
  const slug = checkDeploymentSlug(options.slug);
  const subdir = checkDeploymentPath(options.subdir, "folder");
  const gitDir = await readableGitDir(toDeploymentsRepo(options.repo), { fresh: true });
  const safe = { "safe.directory": gitDir };
  const head = await runGit(["rev-parse", "--verify", "--quiet", `refs/heads/${DEPLOYMENTS_BRANCH}^{commit}`], { gitDir, config: safe, okExitCodes: [1] });
  const commit = head.stdout.trim();
  const folder = `${commit}:${slug}/${subdir}`;
  const type = commit && (await runGit(["cat-file", "-t", folder], { gitDir, config: safe, okExitCodes: [128] }));
  if (!type || type.stdout.trim() !== "tree") throw new AppError("not_found", `the deployments repository has no ${slug}/${subdir} on ${DEPLOYMENTS_BRANCH}`);

  await mkdir(options.into, { recursive: true });
  // A throwaway index holding just that folder, written out into `into` by git itself (exact
  // bytes and modes), so nothing is staged anywhere and the repository is only read.
  const temp = await mkdtemp(path.join(os.tmpdir(), "mi-deploy-checkout-"));
  try {
    const env = { GIT_INDEX_FILE: path.join(temp, "index") };
    await runGit(["read-tree", folder], { gitDir, config: safe, env });
    await runGit(["checkout-index", "--all", "--force"], { gitDir, workTree: path.resolve(options.into), config: safe, env });
    const listed = await runGit(["ls-files", "-z"], { gitDir, config: safe, env });
    await removeStaleConfiguration(options.into, new Set(listed.stdout.split("\0").filter(Boolean)));
    return commit;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function removeStaleConfiguration(into: string, tracked: Set<string>, prefix = "") {
  for (const entry of await readdir(path.join(into, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== ".terraform" && entry.name !== ".git") await removeStaleConfiguration(into, tracked, rel);
    } else if (CONFIGURATION.test(entry.name) && !tracked.has(rel)) {
      await unlink(path.join(into, rel));
    }
  }
}
