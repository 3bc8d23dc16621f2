import { DEPLOY_DIR } from "../sourcegraph/compose-file";
import { gitCheckout, gitDescribe } from "../sourcegraph/deployment-ops";
import type { Db, EmulatedInstance } from "../sourcegraph/instance-record";
import { withDeploymentLock } from "../sourcegraph/instance-state";
import { notEmulated, type RemoteResult } from "./remote-result";

/**
 * `git -C /deployment …` on the VM's clone of deploy-sourcegraph-docker (the startup script
 * cloned it there): `fetch --tags` (the tags are all there already), `checkout [--force|-f]
 * v<version>` (moves docker-compose.yaml to that release; a tag the repository lacks is
 * git's pathspec error), `describe --tags [--exact-match]` (the tag checked out).
 */
export async function runGit(db: Db, instance: EmulatedInstance, argv: string[]): Promise<RemoteResult> {
  let i = 1;
  let dir: string | undefined;
  while (argv[i] === "-C") {
    dir = argv[i + 1];
    i += 2;
  }
  if (dir === undefined) return fail(128, "fatal: not a git repository (or any of the parent directories): .git");
  if (dir.replace(/\/+$/, "") !== DEPLOY_DIR) return fail(128, `fatal: cannot change to '${dir}': No such file or directory`);
  const [sub, ...rest] = argv.slice(i);
  if (sub === "fetch" && rest.every((a) => ["--tags", "--quiet", "-q", "origin", "--force", "-f"].includes(a))) return { exitCode: 0, stdout: [], stderr: [] };
  if (sub === "describe" && rest.includes("--tags") && rest.every((a) => ["--tags", "--exact-match"].includes(a))) return gitDescribe(instance);
  if (sub === "checkout") {
    const refs = rest.filter((a) => a !== "--force" && a !== "-f" && a !== "--quiet" && a !== "-q");
    const options = rest.filter((a) => a.startsWith("-") && !refs.includes(a));
    if (refs.length !== 1 || refs[0].startsWith("-") || options.length !== rest.length - 1) {
      return notEmulated(argv, "only `git -C /deployment checkout [--force] v<version>` is emulated");
    }
    const result = await withDeploymentLock(db, instance.ref, (tx, fresh) => gitCheckout(tx, fresh, refs[0]));
    return result ?? fail(1, "fatal: the deployment disappeared");
  }
  return notEmulated(argv, "only `git -C /deployment fetch --tags | checkout --force v<version> | describe --tags` are emulated");
}

function fail(exitCode: number, line: string): RemoteResult {
  return { exitCode, stdout: [], stderr: [line] };
}
