import { implementRunbook } from "./implement-runbook";
import { selftestMetadata } from "./metadata/selftest";
import { StepError } from "./types";

/**
 * A runbook that touches nothing outside the control plane: it proves the engine itself
 * (tests, the benchmark, a new worker machine). Each step can sleep in a child process,
 * print lines, fail, or wait for approval, as its parameters say.
 */
export const selftestRunbook = implementRunbook(selftestMetadata, {
  async restore(ctx) {
    ctx.log("self-test restore ran");
  },
  steps: (p) => [
    {
      key: "print",
      async run(ctx) {
        if (p.secret) ctx.addSecret(p.secret);
        for (let n = 1; n <= p.lines; n++) ctx.log(`line ${n} of ${p.lines}`);
        if (p.failAt === "print") throw new StepError(p.failMessage ?? "asked to fail at print", "Retry the job.");
      },
    },
    {
      key: "sleep",
      async run(ctx) {
        if (p.sleepSeconds > 0) {
          const r = await ctx.exec(process.execPath, ["-e", `console.log("sleeping ${p.sleepSeconds}s"); process.on("SIGINT", () => { console.log("child got SIGINT"); process.exit(130); }); setTimeout(() => console.log("woke up"), ${p.sleepSeconds * 1000});`]);
          if (r.cancelled) return;
          if (r.exitCode !== 0) throw new StepError(`sleep exited with ${r.exitCode}`);
        }
        if (p.failAt === "sleep") throw new StepError("asked to fail at sleep", "Retry the job.");
      },
    },
    { key: "approve", needed: () => p.approval },
    { key: "human", needed: () => p.human },
    {
      key: "finish",
      async run(ctx) {
        ctx.log("self-test finished");
      },
    },
  ],
});
