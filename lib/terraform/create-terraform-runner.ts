import { inheritedEnv } from "../config/inherited-env";
import { createHash } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { findExecutable } from "../shell/find-executable";
import { createRedactor } from "../shell/redact-secrets";
import type { TerraformUiMessage } from "./render-json-line";
import {
  runTerraformCommand,
  type TerraformCommandResult,
  type TerraformLineHandler,
} from "./run-terraform-command";
import { summarizePlan, type PlanSummary, type SummarizePlanOptions } from "./summarize-plan";
import {
  TerraformBusyError,
  TerraformNotFoundError,
  TerraformOutputError,
  TerraformPlanFileError,
} from "./terraform-errors";

/*
 * Colour: every command runs with `-json`, whose records carry no ANSI codes, and also with
 * `-no-color`. The UI log can render colour, but Terraform still prints a few plain-text lines
 * next to its JSON (init's "Successfully configured the backend" arrives wrapped in ANSI codes
 * even with -json), and a colour code in the middle of a value would let a secret slip past
 * the redactor and the known-failure matcher. Plain text everywhere is the safer trade.
 */

export interface TerraformRunnerOptions {
  /** The instance's working directory: its module files, `.terraform/`, local state, plan.bin. */
  workingDir: string;
  /** Binary name looked up on PATH, or a path. Default "terraform". */
  binary?: string;
  /** Extra environment (credentials, PATH). TF_IN_AUTOMATION, TF_INPUT, CHECKPOINT_DISABLE are always set. */
  env?: Record<string, string | undefined>;
  /** Replaced with [REDACTED] in every line before onLine sees it. */
  secrets?: readonly string[];
  onLine?: TerraformLineHandler;
  /** Cancels whichever command is running; Terraform gets SIGINT first and stops gracefully. */
  signal?: AbortSignal;
  /** SIGINT → SIGTERM → SIGKILL spacing. Default 10 s each. */
  killGraceMs?: number;
  /** Per-command time limit, after which the command is stopped like a cancel. */
  timeoutMs?: number;
  /** `-lock-timeout` for plan and apply, e.g. "60s"; Terraform's default is to fail at once. */
  lockTimeout?: string;
  /** Saved plan file name inside workingDir. Default "plan.bin". */
  planFile?: string;
  /** Passed to summarizePlan (e.g. which resources are the VM). */
  summary?: SummarizePlanOptions;
}

/** Per-call overrides, e.g. a step-scoped AbortSignal. */
export interface TerraformCallOptions {
  signal?: AbortSignal;
  onLine?: TerraformLineHandler;
  timeoutMs?: number;
}

export interface TerraformPlanOptions extends TerraformCallOptions {
  /** Root module variables, JSON-encodable. Passed in a var file, not on the command line. */
  variables?: Record<string, unknown>;
  /** Plan to destroy everything (instance deletion). */
  destroy?: boolean;
  /** Resource addresses to force-replace (`-replace=ADDR`). */
  replace?: string[];
  /** `-detailed-exitcode`: exit 2 means the plan has changes (still a success; `exitCode` says which). */
  detailedExitCode?: boolean;
}

export interface TerraformApplyOptions extends TerraformCallOptions {
  /**
   * sha256 of the plan file that was reviewed and approved (from the plan result). When given,
   * apply refuses a plan file that differs from it.
   */
  expectedPlanSha256?: string;
}

/** `change_summary` of plan or apply: Terraform's own counts. */
export interface TerraformChangeCounts {
  add: number;
  change: number;
  import: number;
  remove: number;
}

/** One `planned_change` record of `plan -json`. */
export interface PlannedChange {
  address: string;
  action: string;
  reason: string | null;
}

export interface TerraformPlanResult extends TerraformCommandResult {
  /** Absolute path of the saved plan; null unless the plan succeeded. */
  planFile: string | null;
  /** sha256 of the saved plan, to bind an approval to exactly this plan. */
  planSha256: string | null;
  /** From `show -json plan.bin`; null unless plan and show both succeeded. */
  summary: PlanSummary | null;
  /** From the plan stream's change_summary record (cross-checks the summary). */
  changeCounts: TerraformChangeCounts | null;
  plannedChanges: PlannedChange[];
  /** The `show -json` run, when one happened. */
  show: TerraformCommandResult | null;
}

export interface TerraformShowResult extends TerraformCommandResult {
  summary: PlanSummary | null;
}

export interface TerraformApplyResult extends TerraformCommandResult {
  changeCounts: TerraformChangeCounts | null;
}

export interface TerraformOutputValue {
  value: unknown;
  type: unknown;
  sensitive: boolean;
}

export interface TerraformOutputResult extends TerraformCommandResult {
  /** Null unless the command succeeded. Values are not logged (they may be sensitive). */
  outputs: Record<string, TerraformOutputValue> | null;
}

export interface TerraformRunner {
  readonly workingDir: string;
  readonly planFile: string;
  /** `terraform init`; safe to repeat. */
  init(options?: TerraformCallOptions): Promise<TerraformCommandResult>;
  /** `terraform plan -out=plan.bin`, then `show -json` of it for the summary. */
  plan(options?: TerraformPlanOptions): Promise<TerraformPlanResult>;
  /** `terraform show -json plan.bin` → summary. */
  showPlan(options?: TerraformCallOptions): Promise<TerraformShowResult>;
  /** `terraform apply plan.bin`: only ever the saved plan. Removes it on success (single use). */
  apply(options?: TerraformApplyOptions): Promise<TerraformApplyResult>;
  /** `terraform output -json` → typed outputs. */
  output(options?: TerraformCallOptions): Promise<TerraformOutputResult>;
  /** `terraform force-unlock -force <id>`: releases a lock a dead run left behind. */
  forceUnlock(lockId: string, options?: TerraformCallOptions): Promise<TerraformCommandResult>;
}

const PLAN_VARIABLES_FILE = "plan-variables.tfvars.json";
const LOCK_TIMEOUT = /^\d+(ms|s|m)$/;
const RESOURCE_ADDRESS = /^[A-Za-z0-9_.\-[\]"]+$/;

const outputsSchema = z.record(
  z.string(),
  z.object({ value: z.unknown(), type: z.unknown(), sensitive: z.boolean().default(false) }),
);

/**
 * A Terraform CLI runner bound to one instance's working directory. Commands return their
 * result (exit code, cancelled, errors, a recognised known failure) rather than throw on a
 * non-zero exit, because a failed plan is an outcome the job records, not an exception (a
 * step turns a failure into its error with `checkTerraform`, lib/provisioning/step-helpers.ts). They do throw for a missing binary,
 * a missing or changed plan file, unparseable Terraform output, and overlapping calls.
 */
export function createTerraformRunner(options: TerraformRunnerOptions): TerraformRunner {
  const workingDir = path.resolve(options.workingDir);
  const planFile = path.join(workingDir, options.planFile ?? "plan.bin");
  const redact = createRedactor(options.secrets ?? []);
  const binaryName = options.binary ?? "terraform";
  if (options.lockTimeout !== undefined && !LOCK_TIMEOUT.test(options.lockTimeout)) {
    throw new TypeError(`lockTimeout must look like "60s", got ${JSON.stringify(options.lockTimeout)}`);
  }
  const lockArgs = options.lockTimeout ? [`-lock-timeout=${options.lockTimeout}`] : [];
  let busy = false;

  const resolveBinary = async (): Promise<string> => {
    const searched = options.env?.PATH ?? inheritedEnv().PATH ?? "";
    const found = await findExecutable(binaryName, searched);
    if (!found) throw new TerraformNotFoundError(binaryName, searched);
    return found;
  };

  /** Runs one command; serialised per runner so two never share plan.bin or the state. */
  const run = async (args: string[], call: TerraformCallOptions, captureStdout = false, okExitCodes?: readonly number[]) => {
    const binary = await resolveBinary();
    return runTerraformCommand({
      binary,
      args,
      cwd: workingDir,
      env: options.env,
      redact,
      onLine: call.onLine ?? options.onLine,
      signal: anySignal(options.signal, call.signal),
      timeoutMs: call.timeoutMs ?? options.timeoutMs,
      killGraceMs: options.killGraceMs,
      captureStdout,
      okExitCodes,
    });
  };

  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new TerraformBusyError(workingDir);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  const showPlan = async (call: TerraformCallOptions): Promise<TerraformShowResult> => {
    await requirePlanFile(planFile);
    const { result, stdout } = await run(["show", "-json", "-no-color", path.basename(planFile)], call, true);
    if (!result.ok) return { ...result, summary: null };
    try {
      return { ...result, summary: summarizePlan(stdout, options.summary) };
    } catch (cause) {
      throw new TerraformOutputError(`could not read terraform show -json output: ${String(cause)}`, { cause });
    }
  };

  return {
    workingDir,
    planFile,

    init: (call = {}) =>
      exclusive(async () => (await run(["init", "-json", "-no-color", "-input=false"], call)).result),

    plan: (call = {}) =>
      exclusive(async () => {
        // A failed plan must never leave an older plan file behind to be applied by mistake.
        await rm(planFile, { force: true });
        const args = ["plan", "-json", "-no-color", "-input=false", `-out=${path.basename(planFile)}`, ...lockArgs];
        if (call.destroy) args.push("-destroy");
        if (call.detailedExitCode) args.push("-detailed-exitcode");
        for (const address of call.replace ?? []) {
          if (!RESOURCE_ADDRESS.test(address)) throw new TypeError(`invalid resource address ${JSON.stringify(address)}`);
          args.push(`-replace=${address}`);
        }
        // Variables go through a file, not -var: a startup script is long and multi-line, and
        // values on a command line are visible to anyone running `ps` on the worker. The file
        // is removed afterwards; the saved plan carries the values from then on.
        const varsFile = path.join(workingDir, PLAN_VARIABLES_FILE);
        if (call.variables) {
          await writeFile(varsFile, JSON.stringify(call.variables), { mode: 0o600 });
          args.push(`-var-file=${PLAN_VARIABLES_FILE}`);
        }
        let planRun: TerraformCommandResult;
        try {
          planRun = (await run(args, call, false, call.detailedExitCode ? [0, 2] : undefined)).result;
        } finally {
          if (call.variables) await rm(varsFile, { force: true });
        }

        const plannedChanges = planRun.records.filter((r) => r.type === "planned_change").map(toPlannedChange);
        const changeCounts = readChangeCounts(planRun.records);
        if (!planRun.ok) {
          await rm(planFile, { force: true });
          return { ...planRun, planFile: null, planSha256: null, summary: null, changeCounts, plannedChanges, show: null };
        }

        const show = await showPlan(call);
        return {
          ...planRun,
          ok: show.ok,
          cancelled: planRun.cancelled || show.cancelled,
          timedOut: planRun.timedOut || show.timedOut,
          knownFailure: planRun.knownFailure ?? show.knownFailure,
          errors: [...planRun.errors, ...show.errors],
          planFile,
          planSha256: await sha256File(planFile),
          summary: show.summary,
          changeCounts,
          plannedChanges,
          show,
        };
      }),

    showPlan: (call = {}) => exclusive(() => showPlan(call)),

    apply: (call = {}) =>
      exclusive(async () => {
        await requirePlanFile(planFile);
        if (call.expectedPlanSha256 !== undefined) {
          const actual = await sha256File(planFile);
          if (actual !== call.expectedPlanSha256) {
            throw new TerraformPlanFileError(
              "plan_changed",
              "The saved plan is not the one that was approved (its checksum differs); plan and approve again.",
            );
          }
        }
        const { result } = await run(
          ["apply", "-json", "-no-color", "-input=false", ...lockArgs, path.basename(planFile)],
          call,
        );
        // A saved plan is single use: once applied, Terraform would refuse it as stale anyway,
        // and removing it makes "apply the same plan twice" impossible by construction.
        if (result.ok) await rm(planFile, { force: true });
        return { ...result, changeCounts: readChangeCounts(result.records) };
      }),

    forceUnlock: (lockId, call = {}) =>
      exclusive(async () => {
        if (!/^[A-Za-z0-9._-]{1,64}$/.test(lockId)) throw new TypeError(`invalid lock ID ${JSON.stringify(lockId)}`);
        return (await run(["force-unlock", "-force", "-no-color", lockId], call)).result;
      }),

    output: (call = {}) =>
      exclusive(async () => {
        const { result, stdout } = await run(["output", "-json", "-no-color"], call, true);
        if (!result.ok) return { ...result, outputs: null };
        let outputs: Record<string, TerraformOutputValue>;
        try {
          outputs = outputsSchema.parse(JSON.parse(stdout)) as Record<string, TerraformOutputValue>;
        } catch (cause) {
          throw new TerraformOutputError("could not read terraform output -json", { cause });
        }
        return { ...result, outputs };
      }),
  };
}


async function requirePlanFile(planFile: string): Promise<void> {
  try {
    if ((await stat(planFile)).isFile()) return;
  } catch {
    // fall through
  }
  throw new TerraformPlanFileError("plan_missing", `No saved plan at ${planFile}: run plan (and get it approved) first.`);
}

async function sha256File(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

function readChangeCounts(records: TerraformUiMessage[]): TerraformChangeCounts | null {
  const last = records.filter((r) => r.type === "change_summary").at(-1);
  if (!last?.changes) return null;
  const { add, change, remove } = last.changes;
  return { add, change, remove, import: last.changes.import ?? 0 };
}

function toPlannedChange(record: TerraformUiMessage): PlannedChange {
  return {
    address: record.change?.resource.addr ?? "",
    action: record.change?.action ?? "",
    reason: record.change?.reason ?? null,
  };
}

/** Combines the runner-wide and the per-call signal: either one cancels. */
function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
