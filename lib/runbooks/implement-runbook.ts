import type { z } from "zod";
import type { Runbook, RunbookMetadata, StepContext, StepDefinition, StepWork } from "./types";

export interface RunbookImplementation<P extends z.ZodType> {
  /** The code of each step, by key; approval and human steps need an entry only for `needed`. */
  steps(params: z.infer<P>): StepWork[];
  /** Required when the metadata names `restoreAfter`, refused otherwise. */
  restore?: (ctx: StepContext) => Promise<void>;
  /** Wraps each bound step (e.g. the upgrade's restore-on-failure). */
  wrap?: (params: z.infer<P>, step: StepDefinition) => StepDefinition;
}

/**
 * A runbook = its metadata (what the web shows and stores) + its step code (what workers
 * run), matched by step key. Any mismatch is a programming error, thrown when the steps are
 * bound (lib/runbooks/registry.test.ts binds every runbook).
 */
export function implementRunbook<P extends z.ZodType>(metadata: RunbookMetadata<P>, impl: RunbookImplementation<P>): Runbook<P> {
  if (!!metadata.restoreAfter !== !!impl.restore) {
    throw new Error(`runbook "${metadata.kind}": restoreAfter in its metadata and restore in its implementation go together`);
  }
  return {
    ...metadata,
    steps: (params) => {
      const bound = bindSteps(metadata.kind, metadata.steps(params), impl.steps(params));
      return impl.wrap ? bound.map((s) => impl.wrap!(params, s)) : bound;
    },
    ...(impl.restore ? { restore: { after: metadata.restoreAfter!, run: impl.restore } } : {}),
  };
}

function bindSteps(kind: string, outline: ReturnType<RunbookMetadata["steps"]>, work: StepWork[]): StepDefinition[] {
  const byKey = new Map<string, StepWork>();
  for (const w of work) {
    if (byKey.has(w.key)) throw new Error(`runbook "${kind}": step "${w.key}" is implemented twice`);
    byKey.set(w.key, w);
  }
  const steps = outline.map((o): StepDefinition => {
    const w = byKey.get(o.key);
    byKey.delete(o.key);
    if (o.kind === "automated" && !w?.run) throw new Error(`runbook "${kind}": automated step "${o.key}" has no run()`);
    if (o.kind !== "automated" && w?.run) throw new Error(`runbook "${kind}": ${o.kind} step "${o.key}" cannot run code`);
    return { ...o, ...(w?.run ? { run: w.run } : {}), ...(w?.needed ? { needed: w.needed } : {}) };
  });
  if (byKey.size) throw new Error(`runbook "${kind}": code for steps its metadata does not list: ${[...byKey.keys()].join(", ")}`);
  return steps;
}
