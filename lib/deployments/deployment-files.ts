import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "../errors/app-error";
import { checkDeploymentSlug } from "./check-deployment-path";
import { DEPLOYMENTS_BRANCH, toDeploymentsRepo, type DeploymentsRepoInput } from "./deployments-repo";
import { readableGitDir } from "./readable-git-dir";
import { runGit } from "./run-git";

export interface DeploymentFile {
  /** Relative to `<slug>/`: `infrastructure/infrastructure.tf`. */
  path: string;
  size: number;
  /** The text, exactly, or null when `omitted` says why not. */
  contents: string | null;
  omitted?: "binary" | "too large" | "page limit";
}

/** What one page may show: rendered Terraform is a few kilobytes per file. */
export const FILE_LIMITS = { maxFiles: 100, maxListed: 1000, maxFileBytes: 256 * 1024, maxTotalBytes: 1024 * 1024 };

/**
 * The files under `<slug>/` on main (or at commit `at`), in git's order, with their contents
 * up to FILE_LIMITS. Empty when the repository or the folder has none yet.
 */
export async function deploymentFiles(options: { repo: DeploymentsRepoInput; slug: string; at?: string }): Promise<DeploymentFile[]> {
  const slug = checkDeploymentSlug(options.slug);
  if (options.at !== undefined && !/^[0-9a-f]{7,40}$/i.test(options.at)) throw new AppError("bad_request", "`at` must be a commit sha (7–40 hex digits)");
  const gitDir = await readableGitDir(toDeploymentsRepo(options.repo), { fresh: false });
  const config = { "safe.directory": gitDir };
  const rev = await runGit(["rev-parse", "--verify", "--quiet", `${options.at ?? `refs/heads/${DEPLOYMENTS_BRANCH}`}^{commit}`], { gitDir, config, okExitCodes: [1] });
  if (rev.exitCode !== 0) {
    if (options.at) throw new AppError("not_found", `commit ${options.at} not found in the deployments repository`);
    return [];
  }
  const commit = rev.stdout.trim();
  const tree = await runGit(["ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", `${slug}/`], { gitDir, config });
  const entries = tree.stdout
    .split("\0")
    .map((line) => /^(\d+) blob [0-9a-f]+ +(\d+)\t(.*)$/s.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && (m[1] === "100644" || m[1] === "100755"))
    .map((m) => ({ size: Number(m[2]), path: m[3].slice(slug.length + 1) }))
    .slice(0, FILE_LIMITS.maxListed);

  let shown = 0;
  let total = 0;
  const wanted = entries.map((entry) => {
    const fits = entry.size <= FILE_LIMITS.maxFileBytes;
    const room = shown < FILE_LIMITS.maxFiles && total + entry.size <= FILE_LIMITS.maxTotalBytes;
    if (fits && room) {
      shown += 1;
      total += entry.size;
    }
    return { ...entry, read: fits && room, omitted: fits ? ("page limit" as const) : ("too large" as const) };
  });
  const contents = await readBlobs(gitDir, `${commit}:${slug}`, wanted.filter((e) => e.read).map((e) => e.path));
  return wanted.map(({ path: file, size, read, omitted }): DeploymentFile => {
    const bytes = read ? contents.get(file) : undefined;
    if (!bytes) return { path: file, size, contents: null, omitted };
    return bytes.includes(0) ? { path: file, size, contents: null, omitted: "binary" } : { path: file, size, contents: bytes.toString("utf8") };
  });
}

/**
 * The exact bytes of some files of a tree, written out by git itself into a temporary
 * directory through a throwaway index (one process, whatever the number of files).
 */
async function readBlobs(gitDir: string, treeish: string, paths: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (!paths.length) return out;
  const temp = await mkdtemp(path.join(os.tmpdir(), "mi-deploy-files-"));
  try {
    const env = { GIT_INDEX_FILE: path.join(temp, "index") };
    const config = { "safe.directory": gitDir };
    const workTree = path.join(temp, "files");
    await mkdir(workTree);
    await runGit(["read-tree", treeish], { gitDir, config, env });
    await runGit(["checkout-index", "--force", "--", ...paths], { gitDir, workTree, config, env });
    for (const p of paths) out.set(p, await readFile(path.join(workTree, p)));
    return out;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
