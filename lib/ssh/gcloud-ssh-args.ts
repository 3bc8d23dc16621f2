import { quoteRemoteArg } from "./quote-remote-arg";
import { checkVmTarget, SshError, type VmTarget } from "./vm-target";

/**
 * The argument vector for `gcloud compute ssh` running `argv` on the VM through IAP:
 *
 *   gcloud compute ssh prod --zone Z --project P --tunnel-through-iap --quiet -- <quoted argv…>
 *
 * Everything after `--` goes to ssh, which joins it into the remote command line; each
 * element is therefore pre-quoted for the remote shell. `--quiet` because a job has nobody
 * to answer prompts (key generation, host keys).
 */
export function gcloudSshArgs(target: VmTarget, argv: readonly string[]): string[] {
  const { project, zone, vm } = checkVmTarget(target);
  if (!Array.isArray(argv) || argv.length === 0) throw new SshError("invalid-target", "a remote command is required");
  // ssh would take a leading dash as one of its own options, not as the command.
  if (argv[0].startsWith("-")) throw new SshError("invalid-target", `remote command must not start with "-": ${JSON.stringify(argv[0])}`);
  return ["compute", "ssh", vm, "--zone", zone, "--project", project, "--tunnel-through-iap", "--quiet", "--", ...argv.map(quoteRemoteArg)];
}
