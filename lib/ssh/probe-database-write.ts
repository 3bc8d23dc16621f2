import { writeProbeCommand } from "./remote-commands";
import { runOnVm } from "./run-on-vm";
import { SshError } from "./vm-target";
import type { VmCallOptions } from "./vm-call-options";

/**
 * Whether a new database session can write: true when the probe write succeeds, false when
 * Postgres refuses it as read-only. Anything else (VM unreachable, pgsql down) throws,
 * because "could not tell" must not be read as either answer.
 */
export async function probeDatabaseWrite(options: VmCallOptions): Promise<boolean> {
  const result = await runOnVm({ ...options, command: writeProbeCommand() });
  if (result.cancelled) throw new SshError("cancelled", "database write probe: cancelled", result.exitCode);
  if (result.timedOut) throw new SshError("timeout", "database write probe: timed out", result.exitCode);
  if (result.exitCode === 0) return true;
  const output = [...result.stderr, ...result.stdout];
  if (result.exitCode !== 255 && output.some((line) => /read-only transaction/.test(line))) return false;
  const tail = result.stderr.slice(-5);
  throw new SshError(
    result.exitCode === 255 ? "unreachable" : "failed",
    `database write probe failed (exit ${result.exitCode}): ${tail.join(" | ") || "no output"}`,
    result.exitCode,
    tail,
  );
}
