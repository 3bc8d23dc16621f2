import { findExecutable } from "../shell/find-executable";
import { ProcessSpawnError, runProcess, type OutputStream, type ProcessResult } from "../shell/run-process";
import { gcloudSshArgs } from "./gcloud-ssh-args";
import { remoteCommandLine } from "./quote-remote-arg";
import { SshError, type VmTarget } from "./vm-target";

export interface RunOnVmOptions extends VmTarget {
  /** The argv to run on the VM; quoted for the remote shell here, never by the caller. */
  command: readonly string[];
  signal?: AbortSignal;
  /** Each output line as it arrives (for the job log). */
  onLine?: (stream: OutputStream, line: string) => void;
  /** Default 5 minutes: an IAP tunnel plus a docker command, with room for a slow VM. */
  timeoutMs?: number;
}

export interface VmCommandResult extends ProcessResult {
  /** The remote command line as the VM's shell sees it, for logs. */
  commandLine: string;
  stdout: string[];
  stderr: string[];
}

const MAX_KEPT_LINES = 20_000;

/**
 * Runs one command on an instance's VM through `gcloud compute ssh … --tunnel-through-iap`,
 * as an argument vector (no local shell). A non-zero exit is a normal result here; see
 * `runOnVmChecked` for the throwing variant the typed helpers use.
 */
export async function runOnVm(options: RunOnVmOptions): Promise<VmCommandResult> {
  const args = gcloudSshArgs(options, options.command);
  // PATH is looked up now so a missing gcloud says so, instead of a bare ENOENT.
  const gcloud = await findExecutable("gcloud");
  if (!gcloud) throw new SshError("gcloud-missing", "gcloud is not installed (not found on PATH)");
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const result = await runProcess(gcloud, args, {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? 5 * 60_000,
      // gcloud/ssh stop promptly on SIGINT; no state to flush like Terraform.
      killGraceMs: 3_000,
      onLine: (stream, line) => {
        const kept = stream === "stdout" ? stdout : stderr;
        if (kept.length >= MAX_KEPT_LINES) kept.shift();
        kept.push(line);
        options.onLine?.(stream, line);
      },
    });
    return { ...result, commandLine: remoteCommandLine(options.command), stdout, stderr };
  } catch (error) {
    if (error instanceof ProcessSpawnError) throw new SshError("gcloud-missing", error.message, null, [], { cause: error });
    throw error;
  }
}

/** runOnVm, but anything other than exit 0 throws an SshError saying what happened. */
export async function runOnVmChecked(options: RunOnVmOptions, action: string): Promise<VmCommandResult> {
  const result = await runOnVm(options);
  const where = `${action} on ${options.vm ?? "prod"} (${options.project})`;
  const tail = result.stderr.slice(-5);
  if (result.cancelled) throw new SshError("cancelled", `${where}: cancelled`, result.exitCode, tail);
  if (result.timedOut) throw new SshError("timeout", `${where}: no result within ${options.timeoutMs ?? 300_000} ms`, result.exitCode, tail);
  if (result.exitCode === 0) return result;
  // ssh reserves 255 for its own failures (connection, IAP tunnel, auth); gcloud's own errors exit 1.
  const kind = result.exitCode === 255 ? "unreachable" : "failed";
  const detail = tail.length ? tail.join(" | ") : `exit code ${result.exitCode ?? result.signal}`;
  throw new SshError(kind, `${where} failed (exit ${result.exitCode ?? result.signal}): ${detail}`, result.exitCode, tail);
}
