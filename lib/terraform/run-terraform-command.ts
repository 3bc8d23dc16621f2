import { inheritedEnv } from "../config/inherited-env";
import { ProcessSpawnError, runProcess } from "../shell/run-process";
import { recognizeKnownFailure, type KnownFailure } from "./recognize-known-failure";
import { renderJsonLine, type TerraformUiMessage } from "./render-json-line";
import { TerraformNotFoundError } from "./terraform-errors";

/** Job logs distinguish the child's two streams from our own narration ("system"). */
export type TerraformLogStream = "stdout" | "stderr" | "system";
export type TerraformLineHandler = (stream: TerraformLogStream, line: string) => void;

/**
 * Set for every run, overriding the caller: TF_IN_AUTOMATION trims "run terraform apply next"
 * hints meant for humans at a terminal; TF_INPUT=0 makes a missing variable an error instead of
 * a prompt that would hang the job forever (we have no stdin); CHECKPOINT_DISABLE stops the
 * version check call to HashiCorp, which is pointless and slow on offline workers.
 */
export const TERRAFORM_ENV = {
  TF_IN_AUTOMATION: "1",
  TF_INPUT: "0",
  CHECKPOINT_DISABLE: "1",
} as const;

/** How many rendered lines to keep for recognising known failures (they appear near the end). */
const RECENT_LINES_KEPT = 2_000;

export interface TerraformCommandResult {
  /** "init", "plan", ... */
  subcommand: string;
  args: string[];
  /** Exited 0 and was neither cancelled nor timed out. */
  ok: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  cancelled: boolean;
  timedOut: boolean;
  durationMs: number;
  /** Parsed `-json` records, redacted, in order. */
  records: TerraformUiMessage[];
  /** Summaries of error diagnostics ("Invalid value for variable", ...). */
  errors: string[];
  /** Set on failure when the runbook explains the error. */
  knownFailure: KnownFailure | null;
  /** The first error thrown by the line handler (the log sink), if any. */
  lineHandlerError?: unknown;
}

export interface RunTerraformCommandOptions {
  /** Absolute path of the terraform binary. */
  binary: string;
  args: string[];
  cwd: string;
  env?: Record<string, string | undefined>;
  redact: (line: string) => string;
  onLine?: TerraformLineHandler;
  signal?: AbortSignal;
  timeoutMs?: number;
  killGraceMs?: number;
  /**
   * Keep stdout for parsing instead of logging it: `show -json` and `output -json` print
   * every value, sensitive ones included, and a multi-megabyte JSON line helps nobody.
   */
  captureStdout?: boolean;
  /** Exit codes that mean success (default 0 only); `plan -detailed-exitcode` adds 2, "changes present". */
  okExitCodes?: readonly number[];
}

/**
 * Runs one terraform subcommand: every line is redacted first, then rendered from Terraform's
 * JSON UI to text for the log, with the structured records kept for the caller.
 */
export async function runTerraformCommand(
  options: RunTerraformCommandOptions,
): Promise<{ result: TerraformCommandResult; stdout: string }> {
  const { redact, onLine } = options;
  const subcommand = options.args.find((a) => !a.startsWith("-")) ?? "";
  const records: TerraformUiMessage[] = [];
  const errors: string[] = [];
  const recent: string[] = [];
  const captured: string[] = [];

  let sinkError: unknown;
  const emit = (stream: TerraformLogStream, line: string) => {
    // Redact again after rendering: JSON escaping can differ in ways the raw pass missed.
    const safe = redact(line);
    recent.push(safe);
    if (recent.length > RECENT_LINES_KEPT) recent.shift();
    try {
      onLine?.(stream, safe);
    } catch (error) {
      sinkError ??= error;
    }
  };

  emit("system", `$ terraform ${options.args.join(" ")}`);

  let processResult;
  try {
    processResult = await runProcess(options.binary, options.args, {
      cwd: options.cwd,
      // Inherited TF_CLI_ARGS* would silently add flags to our commands (e.g. -auto-approve or
      // -target): the argument lists built here must be the whole truth, so drop them unless
      // the caller set them on purpose.
      env: { ...stripCliArgs(inheritedEnv()), ...options.env, ...TERRAFORM_ENV },
      inheritEnv: false,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      killGraceMs: options.killGraceMs,
      onLine: (stream, raw) => {
        if (stream === "stdout" && options.captureStdout) {
          captured.push(raw);
          return;
        }
        const { text, record } = renderJsonLine(redact(raw));
        if (record) {
          records.push(record);
          if (record.type === "diagnostic" && record.diagnostic?.severity === "error") {
            errors.push(redact(record.diagnostic.summary));
          }
        }
        for (const line of text) emit(stream, line);
      },
    });
  } catch (error) {
    if (error instanceof ProcessSpawnError && error.code === "ENOENT") {
      throw new TerraformNotFoundError(options.binary, options.env?.PATH ?? inheritedEnv().PATH ?? "", {
        cause: error,
      });
    }
    throw error;
  }

  const ok = (options.okExitCodes ?? [0]).includes(processResult.exitCode ?? -1) && !processResult.cancelled && !processResult.timedOut;
  emit("system", describeEnd(subcommand, processResult));

  const result: TerraformCommandResult = {
    subcommand,
    args: [...options.args],
    ok,
    exitCode: processResult.exitCode,
    signal: processResult.signal,
    cancelled: processResult.cancelled,
    timedOut: processResult.timedOut,
    durationMs: processResult.durationMs,
    records,
    errors,
    knownFailure: ok ? null : recognizeKnownFailure(recent),
  };
  const handlerError = processResult.lineHandlerError ?? sinkError;
  if (handlerError !== undefined) result.lineHandlerError = handlerError;
  return { result, stdout: captured.join("\n") };
}

function describeEnd(
  subcommand: string,
  r: { exitCode: number | null; signal: string | null; cancelled: boolean; timedOut: boolean; durationMs: number },
): string {
  const took = `${(r.durationMs / 1000).toFixed(1)} s`;
  if (r.exitCode === null && r.signal === null) return `terraform ${subcommand} not started: cancelled before it began`;
  const how = r.exitCode !== null ? `exit code ${r.exitCode}` : `signal ${r.signal}`;
  if (r.cancelled) return `terraform ${subcommand} cancelled (${how}) after ${took}`;
  if (r.timedOut) return `terraform ${subcommand} stopped at its time limit (${how}) after ${took}`;
  return `terraform ${subcommand} finished: ${how} after ${took}`;
}

function stripCliArgs(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key === "TF_CLI_ARGS" || key.startsWith("TF_CLI_ARGS_")) continue;
    out[key] = value;
  }
  return out;
}
