import { z } from "zod";
import type { Runbook } from "./types";
import { StepError } from "./types";

/**
 * A runbook that touches nothing outside the control plane: it proves the engine itself
 * (tests, the benchmark, a new worker machine). Each step can sleep in a child process,
 * print lines, fail, or wait for approval, as its parameters say.
 */
export const selftestRunbook: Runbook = {
  kind: "selftest",
  title: "Engine self-test",
  needsInstance: false,
  params: z.object({
    sleepSeconds: z.number().min(0).max(600).default(0),
    lines: z.number().int().min(0).max(1_000_000).default(3),
    failAt: z.string().optional(),
    /** The failure's message (proves errors are redacted before they are stored). */
    failMessage: z.string().max(500).optional(),
    /** A value the print step registers as secret, as a step that generates a password does. */
    secret: z.string().max(200).optional(),
    approval: z.boolean().default(false),
    human: z.boolean().default(false),
  }),
  // Proves the engine runs a restore after a failure or cancel once "print" has run.
  restore: {
    after: "print",
    async run(ctx) {
      ctx.log("self-test restore ran");
    },
  },
  steps: (p: { sleepSeconds: number; lines: number; failAt?: string; failMessage?: string; secret?: string; approval: boolean; human: boolean }) => [
    {
      key: "print",
      name: "Print lines",
      kind: "automated",
      async run(ctx) {
        if (p.secret) ctx.addSecret(p.secret);
        for (let n = 1; n <= p.lines; n++) ctx.log(`line ${n} of ${p.lines}`);
        if (p.failAt === "print") throw new StepError(p.failMessage ?? "asked to fail at print", "Retry the job.");
      },
    },
    {
      key: "sleep",
      name: "Sleep in a child process",
      kind: "automated",
      async run(ctx) {
        if (p.sleepSeconds > 0) {
          const r = await ctx.exec(process.execPath, ["-e", `console.log("sleeping ${p.sleepSeconds}s"); process.on("SIGINT", () => { console.log("child got SIGINT"); process.exit(130); }); setTimeout(() => console.log("woke up"), ${p.sleepSeconds * 1000});`]);
          if (r.cancelled) return;
          if (r.exitCode !== 0) throw new StepError(`sleep exited with ${r.exitCode}`);
        }
        if (p.failAt === "sleep") throw new StepError("asked to fail at sleep", "Retry the job.");
      },
    },
    { key: "approve", name: "Approve to continue", kind: "approval", needed: () => p.approval, instructions: "Approve to let the self-test finish." },
    { key: "human", name: "Tick when done", kind: "human", needed: () => p.human, instructions: "A person marks this done." },
    {
      key: "finish",
      name: "Finish",
      kind: "automated",
      async run(ctx) {
        ctx.log("self-test finished");
      },
    },
  ],
};
