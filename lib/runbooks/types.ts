import type { z } from "zod";
import type { Instance } from "../generated/prisma/client";
import type { ProcessResult } from "../shell/run-process";
import type { RunbookMetadata, StepOutline } from "./metadata/types";

export type { StepKind, StepOutline, RunbookMetadata } from "./metadata/types";

/** What a step can do while it runs. Everything it prints lands in the job's log. */
export interface StepContext {
  jobId: string;
  stepKey: string;
  params: Record<string, unknown>;
  /** The instance the job is about, re-read before each step. */
  instance: Instance | null;
  /** Aborted when someone cancels the job; pass it to everything that waits. */
  signal: AbortSignal;
  log(line: string): void;
  /** Runs a program with an argument vector (never a shell); output streams to the log. */
  exec(command: string, args: string[], opts?: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<ProcessResult>;
  /** A value that must never appear in the log (e.g. a generated password). */
  addSecret(value: string): void;
  /** Detail a previous step of this job recorded (e.g. a plan summary). */
  detailOf(stepKey: string): unknown;
}

export interface StepResult {
  /** Shown with the step (and to the approver of a following approval step). */
  detail?: unknown;
}

/** The code of one step, matched to its outline (lib/runbooks/metadata) by key. */
export interface StepWork {
  key: string;
  /** Automated steps: the work. Must be safe to run again (jobs run at least once). */
  run?: (ctx: StepContext) => Promise<StepResult | void>;
  /** Whether the step applies to this run (default: always); asked when the job reaches it. Approval / human steps: whether the job must stop here. */
  needed?: (ctx: StepContext) => boolean | Promise<boolean>;
}

/** A step with its outline and its code: what the engine runs. */
export type StepDefinition = StepOutline & Omit<StepWork, "key">;

/** A runbook the workers can run: its metadata, with code for every step. */
export interface Runbook<P extends z.ZodType = z.ZodType> extends RunbookMetadata<P> {
  steps(params: z.infer<P>): StepDefinition[];
  /** Runs after a failure or cancel once the job has gone through `after` (= metadata's `restoreAfter`). */
  restore?: { after: string; run: (ctx: StepContext) => Promise<void> };
}

/** The runbooks a worker runs, by kind: handed to the engine by the process that starts it. */
export type Runbooks = ReadonlyMap<string, Runbook>;

/** A step failure with what to do next, shown beside the step. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly remedy?: string,
  ) {
    super(message);
  }
}
