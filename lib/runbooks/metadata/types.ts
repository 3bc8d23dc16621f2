import type { z } from "zod";

export type StepKind = "automated" | "approval" | "human";

/** A step as people see it (its row in job_step, its instructions): no code. */
export interface StepOutline {
  key: string;
  name: string;
  kind: StepKind;
  /** Approval / human steps: what the person is asked to do or to approve. */
  instructions?: string;
  /**
   * Approval steps: approving it destroys or replaces something (a plan that does, the old
   * deployment, a lock). Four-eyes set to `destructive` (lib/approvals) applies to these.
   */
  destructive?: boolean;
}

/**
 * What the web needs to know about a runbook: its kind, parameters and the outline of its
 * steps. The step code lives in the runbook's implementation (lib/runbooks/<name>.ts), which
 * only the workers load (workers/main.ts hands them to the engine).
 */
export interface RunbookMetadata<P extends z.ZodType = z.ZodType> {
  kind: string;
  title: string;
  params: P;
  /** Whether the job is about one instance (serialized per instance). */
  needsInstance: boolean;
  steps(params: z.infer<P>): StepOutline[];
  /**
   * The step key after which a failure or cancel runs the runbook's restore (e.g. database
   * writable, banner removed). Absent: the runbook has nothing to restore.
   */
  restoreAfter?: string;
}
