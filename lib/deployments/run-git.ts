import { ProcessSpawnError, runProcess } from "../shell/run-process";
import type { GitIdentity } from "./deployments-repo";
import { GitError } from "./git-error";

export interface RunGitOptions {
  cwd?: string;
  /** `--git-dir=…` (a bare repository, or a clone's `.git`). */
  gitDir?: string;
  /** `--work-tree=…`, for writing a tree into a directory that is not a clone. */
  workTree?: string;
  /** Set as both author and committer (`git commit`). */
  identity?: GitIdentity;
  /** More variables for this command (e.g. `GIT_INDEX_FILE`). */
  env?: Record<string, string | undefined>;
  /** `-c key=value` for this command only. */
  config?: Record<string, string>;
  /** Exit codes that are answers rather than failures (`diff --quiet` exits 1 for "changed"). */
  okExitCodes?: readonly number[];
  timeoutMs?: number;
}

export interface GitOutput {
  exitCode: number;
  /** stdout as text (lines joined with "\n"; a CR before a newline is dropped). */
  stdout: string;
  stderr: string;
}

/** Network operations against a slow remote get this long before they are stopped. */
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Variables that would point git at another repository, index or identity than the one we
 * name, or read configuration we did not choose (a worker running as root on CI has no git
 * identity; an operator's ~/.gitconfig may sign commits or set hooks).
 */
const ISOLATED_ENV: Record<string, string | undefined> = {
  GIT_DIR: undefined,
  GIT_WORK_TREE: undefined,
  GIT_INDEX_FILE: undefined,
  GIT_OBJECT_DIRECTORY: undefined,
  GIT_ALTERNATE_OBJECT_DIRECTORIES: undefined,
  GIT_NAMESPACE: undefined,
  GIT_CEILING_DIRECTORIES: undefined,
  GIT_AUTHOR_NAME: undefined,
  GIT_AUTHOR_EMAIL: undefined,
  GIT_AUTHOR_DATE: undefined,
  GIT_COMMITTER_NAME: undefined,
  GIT_COMMITTER_EMAIL: undefined,
  GIT_COMMITTER_DATE: undefined,
  GIT_CONFIG_PARAMETERS: undefined,
  GIT_CONFIG_COUNT: undefined,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  // No credential or host-key prompt may wait forever for a person who is not there.
  GIT_TERMINAL_PROMPT: "0",
  GIT_ASKPASS: undefined,
  SSH_ASKPASS: undefined,
  LC_ALL: "C",
};

/**
 * Runs git with an argument vector (never a shell: text from users reaches git byte for
 * byte) in a predictable environment. Throws GitError on any exit code not in `okExitCodes`
 * (0 always is), on a timeout, or when git is missing.
 */
export async function runGit(args: readonly string[], options: RunGitOptions = {}): Promise<GitOutput> {
  const argv = [
    // core.symlinks=false: a symlink committed to the repository is checked out as a small
    // file, so writing "through" it can never land outside our directory. An operator's
    // GIT_SSH_COMMAND (a deploy key) still wins over core.sshCommand.
    ...Object.entries({ "gc.auto": "0", "core.symlinks": "false", "core.sshCommand": "ssh -o BatchMode=yes", ...options.config }).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    ...(options.gitDir ? [`--git-dir=${options.gitDir}`] : []),
    ...(options.workTree ? [`--work-tree=${options.workTree}`] : []),
    ...args,
  ];
  const identity = options.identity
    ? {
        GIT_AUTHOR_NAME: options.identity.name,
        GIT_AUTHOR_EMAIL: options.identity.email,
        GIT_COMMITTER_NAME: options.identity.name,
        GIT_COMMITTER_EMAIL: options.identity.email,
      }
    : {};
  const out: string[] = [];
  const err: string[] = [];
  let result;
  try {
    result = await runProcess("git", argv, {
      cwd: options.cwd,
      env: {
        ...ISOLATED_ENV,
        ...identity,
        ...options.env,
      },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killGraceMs: 2_000,
      onLine: (stream, line) => (stream === "stdout" ? out : err).push(line),
    });
  } catch (error) {
    const reason = error instanceof ProcessSpawnError && error.code === "ENOENT" ? "could not start: git is not installed (not on PATH)" : "could not start";
    throw new GitError(args, null, "", { cause: error, reason });
  }
  const stderr = err.join("\n");
  if (result.timedOut) throw new GitError(args, result.exitCode, stderr, { reason: `timed out after ${Math.round(result.durationMs / 1000)} s` });
  const code = result.exitCode;
  if (code === null || (code !== 0 && !options.okExitCodes?.includes(code))) throw new GitError(args, code, stderr);
  return { exitCode: code, stdout: out.join("\n"), stderr };
}
