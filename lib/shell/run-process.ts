import { inheritedEnv } from "../config/inherited-env";
import { spawn, type StdioOptions } from "node:child_process";
import { LineSplitter } from "./split-lines";

export type OutputStream = "stdout" | "stderr";

export interface RunProcessOptions {
  /** Working directory of the child. Defaults to ours. */
  cwd?: string;
  /**
   * Variables layered over the inherited environment (or over nothing, see `inheritEnv`).
   * A value of `undefined` removes the variable.
   */
  env?: Record<string, string | undefined>;
  /** Start from `process.env` (default) or from an empty environment. */
  inheritEnv?: boolean;
  /** Called once per complete line, in order per stream, without the line ending. */
  onLine?: (stream: OutputStream, line: string) => void;
  /** Aborting starts the SIGINT → SIGTERM → SIGKILL sequence; the result has `cancelled: true`. */
  signal?: AbortSignal;
  /** Same stop sequence as an abort when the child runs longer than this; `timedOut: true`. */
  timeoutMs?: number;
  /**
   * Time between SIGINT and SIGTERM, and again between SIGTERM and SIGKILL. Default 10 s:
   * Terraform needs a moment after SIGINT to finish in-flight API calls and write state, and
   * killing it mid-write is how state gets lost.
   */
  killGraceMs?: number;
  /** Written to the child's stdin, which is then closed. Without it stdin is /dev/null. */
  stdin?: string;
}

export interface ProcessResult {
  /** Exit code, or null when the child was ended by a signal. */
  exitCode: number | null;
  /** The signal that ended the child, if any. */
  signal: NodeJS.Signals | null;
  /** True when the AbortSignal fired before the child exited (whatever it then did). */
  cancelled: boolean;
  /** True when `timeoutMs` elapsed before the child exited. */
  timedOut: boolean;
  durationMs: number;
  /** The first error thrown by `onLine`, if any. Output keeps flowing to onLine regardless. */
  lineHandlerError?: unknown;
}

/** The child could not be started at all (missing binary, bad cwd, no permission). */
export class ProcessSpawnError extends Error {
  constructor(
    readonly command: string,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(`Could not start ${command}: ${code ?? String(options.cause)}`, options);
    this.name = "ProcessSpawnError";
  }
}

export const DEFAULT_KILL_GRACE_MS = 10_000;

/**
 * If the child exits but a grandchild still holds its stdout/stderr open, 'close' would never
 * fire. After this long past 'exit' we stop waiting for the pipes and finish anyway.
 */
const PIPE_DRAIN_AFTER_EXIT_MS = 2_000;

/** Children still running, by pid: what a stopping worker must not leave behind. */
const running = new Map<number, () => void>();

/**
 * Sends SIGINT to every child still running (Terraform then stops in order and releases its
 * state lock) and returns how many there were. For a worker that is shutting down: children
 * run in their own process groups, so without this they would outlive it. The caller exits
 * next, so the interrupted steps record nothing and are resumed by another worker.
 */
export function interruptAllChildren(): number {
  const stops = [...running.values()];
  for (const stop of stops) stop();
  return stops.length;
}

/**
 * Runs `command` with `args` as an argument vector: no shell is involved, so arguments reach
 * the child byte for byte (`; rm -rf /` and `$(whoami)` stay literal text) and nothing needs
 * quoting. Output is delivered line by line as it is produced, for live job logs.
 *
 * The child runs in its own process group (`detached`), so a Ctrl-C aimed at the worker does
 * not hit it behind our back; cancellation is ours to orchestrate. SIGINT and SIGTERM go to
 * the child alone, letting e.g. Terraform shut its provider plugins down in order; the final
 * SIGKILL goes to the whole group, and so does a SIGKILL once a cancelled child has exited,
 * so that nothing a cancelled child started outlives it.
 *
 * Resolves when the child has exited and its output is drained. Rejects only with
 * ProcessSpawnError (the child never ran); a non-zero exit is a normal result.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions = {},
): Promise<ProcessResult> {
  const started = performance.now();
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const elapsed = () => Math.round(performance.now() - started);

  if (options.signal?.aborted) {
    // Never start work that was cancelled while queued.
    return Promise.resolve({
      exitCode: null,
      signal: null,
      cancelled: true,
      timedOut: false,
      durationMs: 0,
    });
  }

  const stdio: StdioOptions = [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"];
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      // Next's type augmentation makes NODE_ENV required in ProcessEnv; a child env need not have it.
      env: buildEnv(options.env, options.inheritEnv ?? true) as NodeJS.ProcessEnv,
      shell: false,
      detached: true,
      stdio,
      windowsHide: true,
    });

    let cancelled = false;
    let timedOut = false;
    let stopping = false;
    let exited = false;
    let settled = false;
    let lineHandlerError: unknown;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    const timers: NodeJS.Timeout[] = [];

    const deliver = (stream: OutputStream, lines: string[]) => {
      for (const line of lines) {
        try {
          options.onLine?.(stream, line);
        } catch (error) {
          // A failing log sink must not crash the worker or orphan the child mid-apply.
          lineHandlerError ??= error;
        }
      }
    };

    const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
    for (const stream of ["stdout", "stderr"] as const) {
      const pipe = child[stream];
      pipe?.on("data", (chunk: Buffer) => deliver(stream, splitters[stream].push(chunk)));
      pipe?.on("error", () => {
        /* surfaced through the child's own events */
      });
    }

    if (options.stdin !== undefined && child.stdin) {
      child.stdin.on("error", () => {
        /* the child may exit without reading its input; that is not our failure */
      });
      child.stdin.end(options.stdin);
    }

    const sendSignal = (sig: NodeJS.Signals, wholeGroup: boolean) => {
      if (exited || child.pid === undefined) return;
      try {
        if (wholeGroup) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // ESRCH: it exited between our check and the signal.
      }
    };

    const stop = () => {
      if (stopping || exited) return;
      stopping = true;
      sendSignal("SIGINT", false);
      timers.push(
        setTimeout(() => sendSignal("SIGTERM", false), graceMs),
        setTimeout(() => sendSignal("SIGKILL", true), graceMs * 2),
      );
    };

    if (child.pid !== undefined) running.set(child.pid, () => sendSignal("SIGINT", false));

    const onAbort = () => {
      if (exited) return; // too late to cancel anything: report what really happened
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });

    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          stop();
        }, options.timeoutMs),
      );
    }

    const finish = () => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      deliver("stdout", splitters.stdout.flush());
      deliver("stderr", splitters.stderr.flush());
      const result: ProcessResult = {
        exitCode,
        signal: exitSignal,
        cancelled,
        timedOut,
        durationMs: elapsed(),
      };
      if (lineHandlerError !== undefined) result.lineHandlerError = lineHandlerError;
      resolve(result);
    };

    child.on("error", (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // errors after a successful spawn (e.g. kill) are not fatal
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      reject(new ProcessSpawnError(command, error.code, { cause: error }));
    });

    child.once("exit", (code, sig) => {
      exited = true;
      if (child.pid !== undefined) running.delete(child.pid);
      exitCode = code;
      exitSignal = sig;
      if ((cancelled || timedOut) && child.pid !== undefined) {
        // A stopped child can leave its own children behind (Terraform kills the `sh` of a
        // local-exec on interrupt, not the `sleep` that sh started). Nothing in the group of a
        // cancelled run should outlive it.
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // ESRCH: nothing left in the group, the usual case.
        }
      }
      const drain = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, PIPE_DRAIN_AFTER_EXIT_MS);
      timers.push(drain);
    });

    // 'close' comes after 'exit' once both pipes are drained: all output has been delivered.
    child.once("close", (code, sig) => {
      if (child.pid === undefined) return; // spawn failure: handled by 'error'
      exited = true;
      exitCode = code;
      exitSignal = sig;
      finish();
    });
  });
}

function buildEnv(
  overrides: Record<string, string | undefined> | undefined,
  inherit: boolean,
): Record<string, string> {
  const env: Record<string, string> = {};
  if (inherit) {
    for (const [key, value] of Object.entries(inheritedEnv())) if (value !== undefined) env[key] = value;
  }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
