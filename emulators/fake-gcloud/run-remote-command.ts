import type { Db, EmulatedInstance } from "../sourcegraph/instance-record";
import { runDocker } from "./run-docker";
import { notEmulated, type RemoteResult } from "./remote-result";

const ENV_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * Runs one remote argv on the emulated VM. Accepts the wrappers the control plane uses:
 * `sudo` and `env VAR=value …` (how a variable reaches a command run through sudo).
 */
export async function runRemoteCommand(db: Db, instance: EmulatedInstance, words: string[], hostname = "prod"): Promise<RemoteResult> {
  let argv = words;
  if (argv[0] === "sudo") argv = argv.slice(argv[1] === "-n" ? 2 : 1);
  const env: Record<string, string> = {};
  if (argv[0] === "env") {
    let i = 1;
    for (; i < argv.length && ENV_ASSIGNMENT.test(argv[i]); i++) {
      const [, name, value] = ENV_ASSIGNMENT.exec(argv[i])!;
      env[name] = value;
    }
    argv = argv.slice(i);
  }
  if (argv[0] === "docker") return runDocker(db, instance, argv, env);
  if (argv[0] === "true") return { exitCode: 0, stdout: [], stderr: [] };
  if (argv[0] === "hostname") return { exitCode: 0, stdout: [hostname], stderr: [] };
  return notEmulated(words);
}
