import { parseIapTunnelArgs, type IapTunnelInvocation } from "./parse-iap-tunnel-args";

/**
 * Reads a `gcloud [beta] compute ssh` or `gcloud [beta] compute start-iap-tunnel` invocation
 * the way gcloud does, for the flags the control plane and the runbook's operator commands
 * use. For ssh, the remote command comes either from `--command "<line>"` or from the words
 * after `--`, which ssh joins with spaces into one line for the remote shell (so they must
 * already be quoted for it).
 */
export type GcloudInvocation =
  | { kind: "version" }
  | { kind: "ssh"; vm: string; zone: string; project: string; commandLine: string }
  | IapTunnelInvocation
  | { kind: "usage-error"; exitCode: number; message: string };

const VALUE_FLAGS = new Set(["--zone", "--project", "--command", "--verbosity", "--ssh-key-expire-after", "--strict-host-key-checking", "--ssh-flag"]);
const BOOLEAN_FLAGS = new Set(["--tunnel-through-iap", "--quiet", "-q", "--internal-ip", "--no-user-output-enabled", "--plain"]);

export function parseGcloudArgs(argv: readonly string[]): GcloudInvocation {
  const args = [...argv];
  if (args[0] === "--version" || args[0] === "version") return { kind: "version" };
  if (args[0] === "beta" || args[0] === "alpha") args.shift();
  if (args[0] === "compute" && args[1] === "start-iap-tunnel") return parseIapTunnelArgs(args.slice(2));
  if (args[0] !== "compute" || args[1] !== "ssh") {
    return usage(2, `ERROR: (gcloud) the fake gcloud only emulates \`gcloud compute ssh\` and \`gcloud compute start-iap-tunnel\`, not \`gcloud ${argv.join(" ")}\``);
  }
  const dash = args.indexOf("--", 2);
  const own = dash === -1 ? args.slice(2) : args.slice(2, dash);
  const afterDash = dash === -1 ? [] : args.slice(dash + 1);

  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const arg = own[i];
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq !== -1 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name)) {
      const value = eq !== -1 && arg.startsWith("--") ? arg.slice(eq + 1) : own[++i];
      if (value === undefined) return usage(2, `ERROR: (gcloud.compute.ssh) argument ${name}: expected one argument`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS.has(arg)) {
      flags.set(arg, "true");
    } else if (arg.startsWith("-")) {
      return usage(2, `ERROR: (gcloud.compute.ssh) unrecognized arguments: ${arg}`);
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length !== 1) return usage(2, "ERROR: (gcloud.compute.ssh) exactly one [USER@]INSTANCE is required");
  const vm = positionals[0].replace(/^[^@]*@/, "");
  const zone = flags.get("--zone");
  const project = flags.get("--project");
  if (!zone) return usage(1, `ERROR: (gcloud.compute.ssh) Underspecified resource [${vm}]. Specify the [--zone] flag.`);
  if (!project) return usage(1, "ERROR: (gcloud.compute.ssh) The required property [project] is not currently set.");

  let commandLine = flags.get("--command");
  if (commandLine === undefined) {
    if (afterDash[0]?.startsWith("-")) return usage(2, `fake gcloud: ssh flags after -- (${afterDash[0]}) are not emulated`);
    commandLine = afterDash.join(" ");
  }
  if (commandLine.trim() === "") return usage(2, "fake gcloud: interactive SSH sessions are not emulated; pass a command");
  return { kind: "ssh", vm, zone, project, commandLine };
}

function usage(exitCode: number, message: string): GcloudInvocation {
  return { kind: "usage-error", exitCode, message };
}
