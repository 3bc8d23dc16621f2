import { inheritedEnv } from "../config/inherited-env";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Looks `name` up on a PATH string the way a shell would, without running a shell.
 *
 * Spawning a missing binary only fails with a bare ENOENT after the fact; resolving it first
 * lets callers say plainly what is missing ("terraform is not installed") and lets them use
 * the PATH of the environment they will pass to the child, not necessarily our own.
 * Returns the absolute path, or null when no executable file of that name is found.
 */
export async function findExecutable(
  name: string,
  pathEnv: string | undefined = inheritedEnv().PATH,
): Promise<string | null> {
  if (name.includes("/")) {
    return (await isExecutableFile(name)) ? path.resolve(name) : null;
  }
  for (const dir of (pathEnv ?? "").split(path.delimiter)) {
    // An empty PATH entry means the current directory in POSIX shells; we never want that
    // for a control plane (a working directory must not be able to shadow a binary).
    if (dir === "" || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
