import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { checkDeploymentPath, checkDeploymentSlug } from "./check-deployment-path";
import { DEPLOYMENTS_BRANCH, toDeploymentsRepo, type DeploymentsRepoInput } from "./deployments-repo";
import { ensureDeploymentsRepo } from "./ensure-deployments-repo";
import { fetchMainBranch } from "./fetch-main-branch";
import { formatCommitMessage, type DeploymentCommitMessage } from "./format-commit-message";
import { GitError } from "./git-error";
import { runGit } from "./run-git";

export interface CommitDeploymentOptions {
  repo: DeploymentsRepoInput;
  slug: string;
  /** Paths relative to `<slug>/` (`infrastructure/main.tf`) and their full contents. */
  files: Record<string, string>;
  message: DeploymentCommitMessage;
  /**
   * Subfolders of `<slug>/` this render owns: files in them that are not in `files` are
   * removed. Default: the top folders of the paths in `files`. Everything else under
   * `<slug>/` (another render's folders, a README) is left as it is.
   */
  replaceDirs?: string[];
  /** Where the temporary clone goes (default: the system's temp directory). */
  workDir?: string;
  /** Pushes refused because another worker pushed first are retried this often (default 8). */
  maxAttempts?: number;
  /** Called after the local commit and before its push, e.g. by a test that races another push. */
  beforePush?: (attempt: number) => Promise<void>;
}

export interface CommitDeploymentResult {
  /** The new commit on main, or null when the files were already there. */
  commit: string | null;
  changed: boolean;
  /** 1, plus one per push lost to a concurrent commit. */
  attempts: number;
}

/** Push refusals that mean "someone else pushed first": fetch the new tip and try again. */
const LOST_RACE = /non-fast-forward|fetch first|cannot lock ref|failed to update ref|failed to lock|stale info|incorrect old value/i;

/**
 * One rendered change becomes one commit on main: the files are written under `<slug>/` in
 * a fresh shallow clone of the tip, committed as the control plane with the job and the
 * person in the message, and pushed. When another worker pushed in between (another slug,
 * another machine), the push is refused as non-fast-forward; the same files are then
 * written again on the new tip, so concurrent commits for different slugs never conflict.
 */
export async function commitDeployment(options: CommitDeploymentOptions): Promise<CommitDeploymentResult> {
  const repo = toDeploymentsRepo(options.repo);
  const slug = checkDeploymentSlug(options.slug);
  const files = Object.entries(options.files).map(([p, contents]) => [checkDeploymentPath(p, "file"), contents] as const);
  const replaceDirs = (options.replaceDirs ?? [...new Set(files.filter(([p]) => p.includes("/")).map(([p]) => p.split("/")[0]))]).map((d) =>
    checkDeploymentPath(d, "replaced folder"),
  );
  const message = formatCommitMessage(slug, options.message);
  const maxAttempts = options.maxAttempts ?? 8;
  await ensureDeploymentsRepo(repo);

  const workDir = options.workDir ?? os.tmpdir();
  await mkdir(workDir, { recursive: true });

  for (let attempt = 1; ; attempt++) {
    const temp = await mkdtemp(path.join(workDir, "mi-deploy-commit-"));
    try {
      const work = path.join(temp, "work");
      await runGit(["init", "--quiet", `--initial-branch=${DEPLOYMENTS_BRANCH}`, work]);
      const tip = `refs/remotes/origin/${DEPLOYMENTS_BRANCH}`;
      if (await fetchMainBranch(repo.url, tip, { cwd: work }, { depth: 1 })) {
        await runGit(["reset", "--quiet", "--hard", tip], { cwd: work });
      }
      for (const dir of replaceDirs) await rm(path.join(work, slug, dir), { recursive: true, force: true });
      for (const [file, contents] of files) {
        const target = path.join(work, slug, file);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, contents);
      }
      await runGit(["add", "--all", "--", slug], { cwd: work });
      const diff = await runGit(["diff", "--cached", "--quiet"], { cwd: work, okExitCodes: [1] });
      if (diff.exitCode === 0) return { commit: null, changed: false, attempts: attempt };

      // The message travels as a file, never through a shell; verbatim keeps a `#` in a summary.
      const messageFile = path.join(temp, "message");
      await writeFile(messageFile, message);
      await runGit(["commit", "--quiet", "--no-verify", "--cleanup=verbatim", "-F", messageFile], { cwd: work, identity: repo.author });
      const commit = (await runGit(["rev-parse", "HEAD"], { cwd: work })).stdout.trim();

      await options.beforePush?.(attempt);
      const push = await runGit(["push", "--porcelain", "--", repo.url, `HEAD:refs/heads/${DEPLOYMENTS_BRANCH}`], { cwd: work, okExitCodes: [1] });
      if (push.exitCode === 0) return { commit, changed: true, attempts: attempt };
      const said = `${push.stdout}\n${push.stderr}`;
      if (!LOST_RACE.test(said) || attempt >= maxAttempts) {
        throw new GitError(["push", repo.url, `HEAD:refs/heads/${DEPLOYMENTS_BRANCH}`], push.exitCode, said, {
          reason: attempt >= maxAttempts && LOST_RACE.test(said) ? `still refused after ${attempt} attempts (other commits kept landing first)` : undefined,
        });
      }
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    // Several workers that lost the same race should not all come back at the same instant.
    await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.random() * 100 * attempt));
  }
}
