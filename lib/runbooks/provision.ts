import { db } from "../db/client";
import { gcpProjectSteps } from "../provisioning/steps/gcp-project";
import { goLiveSteps } from "../provisioning/steps/go-live";
import { terraformSteps } from "../provisioning/steps/terraform";
import { summarizeCreated } from "../provisioning/summarize-created";
import { implementRunbook } from "./implement-runbook";
import { provisionMetadata } from "./metadata/provision";
import type { StepDefinition } from "./types";

/**
 * Provision: RUNBOOK "Creating a new managed instance" (the steps, in order, are in
 * lib/runbooks/metadata/provision.ts); the code of each lives in lib/provisioning/steps/.
 */
export const provisionRunbook = implementRunbook(provisionMetadata, {
  steps: () => [...gcpProjectSteps, ...terraformSteps, ...goLiveSteps],
  wrap: (_params, step) => markingProvisioning(step),
  // Failure or cancel: record what exists in GCP so far, and show the instance as failed.
  async restore(ctx) {
    const instance = ctx.instance;
    if (!instance) return;
    ctx.log("what exists for this instance so far:");
    for (const line of await summarizeCreated(instance)) ctx.log(`  ${line}`);
    ctx.log("Retry the job to continue from the failed step; every step is safe to run again.");
    await db.instance.updateMany({ where: { id: instance.id, status: "provisioning" }, data: { status: "failed" } });
  },
});

/** A retried step puts a failed instance back to `provisioning` before it does anything. */
function markingProvisioning(step: StepDefinition): StepDefinition {
  if (!step.run) return step;
  const run = step.run;
  return {
    ...step,
    async run(ctx) {
      if (ctx.instance?.status === "failed") {
        await db.instance.update({ where: { id: ctx.instance.id }, data: { status: "provisioning" } });
      }
      return run(ctx);
    },
  };
}
