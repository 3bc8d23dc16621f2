import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const PACKAGE_NAME = "managed-instances";

/**
 * The repository's root: the folder whose package.json is this project's. Relative paths in
 * the configuration (DATA_DIR, TERRAFORM_WORK_DIR, SECRETS_DIR, …) resolve against it, so a
 * process started from another folder finds the same `.data/`. Searched upwards from this
 * module (when the runtime says where it is: not inside a Next.js bundle) and from the
 * current directory.
 */
export const REPO_ROOT: string = findRoot();

function findRoot(): string {
  const starts = [import.meta.dirname, process.cwd()].filter((d): d is string => typeof d === "string");
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (isProjectRoot(dir)) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return process.cwd();
}

function isProjectRoot(dir: string): boolean {
  const file = path.join(/* turbopackIgnore: true */ dir, "package.json");
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** An absolute path as it is, a relative one against the repository's root. */
export function fromRepoRoot(p: string): string {
  return path.resolve(/* turbopackIgnore: true */ REPO_ROOT, p);
}
