import { COMPOSE_FILE } from "../sourcegraph/compose-file";
import { catComposeFile } from "../sourcegraph/deployment-ops";
import type { Db, EmulatedInstance } from "../sourcegraph/instance-record";
import { runDocker } from "./run-docker";
import { runGit } from "./run-git";
import { runResize2fs } from "./run-resize2fs";
import { notEmulated, type RemoteResult } from "./remote-result";

const ENV_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * Runs one remote argv on the emulated VM. Accepts the wrappers the control plane uses:
 * `sudo` and `env VAR=value …` (how a variable reaches a command run through sudo). No
 * variable changes what the deployment runs (REALITY.md: the compose file pins every image),
 * so the assignments are accepted and have no effect.
 */
export async function runRemoteCommand(db: Db, instance: EmulatedInstance, words: string[], hostname = "prod"): Promise<RemoteResult> {
  let argv = words;
  if (argv[0] === "sudo") argv = argv.slice(argv[1] === "-n" ? 2 : 1);
  if (argv[0] === "env") {
    let i = 1;
    while (i < argv.length && ENV_ASSIGNMENT.test(argv[i])) i++;
    argv = argv.slice(i);
  }
  if (argv[0] === "docker") return runDocker(db, instance, argv);
  if (argv[0] === "git") return runGit(db, instance, argv);
  if (argv[0] === "cat") return cat(instance, argv);
  if (argv[0] === "resize2fs") return runResize2fs(db, instance, argv);
  if (argv[0] === "true") return { exitCode: 0, stdout: [], stderr: [] };
  if (argv[0] === "hostname") return { exitCode: 0, stdout: [hostname], stderr: [] };
  return notEmulated(words);
}

/** `cat /deployment/docker-compose/docker-compose.yaml`: the release's compose file (the one file the VM has here). */
function cat(instance: EmulatedInstance, argv: string[]): RemoteResult {
  const paths = argv.slice(1);
  if (paths.length !== 1) return notEmulated(argv, "only `cat <file>` of one file is emulated");
  if (paths[0] === COMPOSE_FILE) return catComposeFile(instance);
  return { exitCode: 1, stdout: [], stderr: [`cat: ${paths[0]}: No such file or directory`] };
}
