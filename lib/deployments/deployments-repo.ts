import path from "node:path";
import { config, type Config } from "../config/load-config";
import { fromRepoRoot } from "../config/repo-root";

/** Who the control plane commits as: people are named in the message trailers, not here. */
export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The git repository that holds every customer's rendered deployment, one folder per slug
 * (`<slug>/gcp-tfstate`, `<slug>/infrastructure`), as `deploy-sourcegraph-managed` did by hand.
 */
export interface DeploymentsRepo {
  /** A git URL (`git@github.com:org/repo.git`, `https://…`, `file://…`) or an absolute path. */
  url: string;
  author: GitIdentity;
  /** Create a bare repository at `url` (a path) on first use: demo mode's `.data/deployments.git`. */
  createIfMissing?: boolean;
  /**
   * Where reads of a remote repository keep a fetched copy (history, files, checkouts).
   * Default: `<tmpdir>/managed-instances-deployments`. Unused for a path.
   */
  cacheDir?: string;
}

/** What the functions of this folder accept: the settings, or just a URL (default author). */
export type DeploymentsRepoInput = DeploymentsRepo | string;

export const DEFAULT_AUTHOR: GitIdentity = { name: "Managed Instances", email: "managed-instances@localhost" };

/** The one branch deployments live on. */
export const DEPLOYMENTS_BRANCH = "main";

/**
 * The deployments repository from the configuration:
 * - `DEPLOYMENTS_REPO`: a git URL, or a path (made absolute against the repository's root) to a bare repository;
 * - unset, with `DEMO_MODE=1`: `<DATA_DIR or .data>/deployments.git`, created on first use;
 * - unset otherwise: null. The caller decides what that means (the instance page says
 *   "not configured"; a provisioning step refuses to go on).
 * `DEPLOYMENTS_AUTHOR_NAME` / `DEPLOYMENTS_AUTHOR_EMAIL` override the commit author.
 */
export function deploymentsRepoFromEnv(c: Config = config()): DeploymentsRepo | null {
  const author = {
    name: c.DEPLOYMENTS_AUTHOR_NAME || DEFAULT_AUTHOR.name,
    email: c.DEPLOYMENTS_AUTHOR_EMAIL || DEFAULT_AUTHOR.email,
  };
  const configured = c.DEPLOYMENTS_REPO;
  if (configured) {
    if (configured.startsWith("-")) throw new Error("DEPLOYMENTS_REPO must be a git URL or a path, not an option");
    return { url: looksLikeUrl(configured) ? configured : fromRepoRoot(configured), author };
  }
  if (!c.DEMO_MODE) return null;
  return { url: path.join(c.DATA_DIR, "deployments.git"), author, createIfMissing: true };
}

/** The settings for a URL given alone. */
export function toDeploymentsRepo(repo: DeploymentsRepoInput): DeploymentsRepo {
  return typeof repo === "string" ? { url: repo, author: DEFAULT_AUTHOR } : repo;
}

/** `scheme://…` or scp-like `user@host:path` (git's own rule: a colon before any slash). */
function looksLikeUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[^/]+:/.test(value);
}
