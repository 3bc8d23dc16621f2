import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEPLOYMENTS_BRANCH, type DeploymentsRepo } from "./deployments-repo";
import { ensureDeploymentsRepo } from "./ensure-deployments-repo";
import { fetchMainBranch } from "./fetch-main-branch";
import { runGit } from "./run-git";

/** Reads (history, files) may be this stale; a checkout before Terraform never is. */
const REFETCH_AFTER_MS = 10_000;

const mirrors = new Map<string, { fetchedAt: number; inFlight: Promise<void> | null }>();

/**
 * A git directory to read the repository from. A local repository is read in place. A remote
 * one is fetched into a bare copy kept per process under `cacheDir`: once every few seconds
 * for the history page (a failed fetch then serves the last copy), or right now when
 * `fresh` (a worker about to run Terraform must see the latest configuration).
 */
export async function readableGitDir(repo: DeploymentsRepo, options: { fresh: boolean }): Promise<string> {
  const local = localPath(repo.url);
  if (local) {
    await ensureDeploymentsRepo(repo);
    const dotGit = path.join(local, ".git");
    return existsSync(/* turbopackIgnore: true */ dotGit) ? dotGit : local;
  }
  const dir = path.join(repo.cacheDir ?? path.join(os.tmpdir(), "managed-instances-deployments"), `${createHash("sha256").update(repo.url).digest("hex").slice(0, 16)}.git`);
  const state = mirrors.get(dir) ?? { fetchedAt: 0, inFlight: null };
  mirrors.set(dir, state);
  if (!options.fresh && Date.now() - state.fetchedAt < REFETCH_AFTER_MS) return dir;
  state.inFlight ??= fetchMirror(repo.url, dir)
    .then(() => {
      state.fetchedAt = Date.now();
    })
    .finally(() => {
      state.inFlight = null;
    });
  try {
    await state.inFlight;
  } catch (error) {
    if (options.fresh || state.fetchedAt === 0) throw error;
  }
  return dir;
}

/** An absolute path or `file://` URL: a repository on this machine. */
export function localPath(url: string): string | null {
  if (url.startsWith("file://")) return decodeURIComponent(new URL(url).pathname);
  return path.isAbsolute(url) ? url : null;
}

async function fetchMirror(url: string, dir: string) {
  if (!existsSync(/* turbopackIgnore: true */ path.join(dir, "HEAD"))) {
    await mkdir(/* turbopackIgnore: true */ dir, { recursive: true, mode: 0o700 });
    await runGit(["init", "--quiet", "--bare", `--initial-branch=${DEPLOYMENTS_BRANCH}`, dir]);
  }
  // The URL goes on the command line, not into the copy's config: a token in it stays off disk.
  await fetchMainBranch(url, `refs/heads/${DEPLOYMENTS_BRANCH}`, { gitDir: dir });
}
