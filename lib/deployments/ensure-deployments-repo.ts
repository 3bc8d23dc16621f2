import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { DEPLOYMENTS_BRANCH, type DeploymentsRepo } from "./deployments-repo";
import { runGit } from "./run-git";

/**
 * Creates the bare repository of a `createIfMissing` setting (demo mode) the first time it is
 * used. Idempotent: two processes starting at once both "initialise" the same empty repository.
 */
export async function ensureDeploymentsRepo(repo: DeploymentsRepo): Promise<void> {
  if (!repo.createIfMissing || !path.isAbsolute(repo.url)) return;
  if (existsSync(/* turbopackIgnore: true */ path.join(repo.url, "HEAD"))) return;
  await mkdir(/* turbopackIgnore: true */ repo.url, { recursive: true });
  await runGit(["init", "--quiet", "--bare", `--initial-branch=${DEPLOYMENTS_BRANCH}`, repo.url]);
}
