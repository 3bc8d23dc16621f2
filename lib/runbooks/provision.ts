import { z } from "zod";
import { db } from "../db/client";
import { gcpProjectSteps } from "../provisioning/steps/gcp-project";
import { goLiveSteps } from "../provisioning/steps/go-live";
import { terraformSteps } from "../provisioning/steps/terraform";
import { summarizeCreated } from "../provisioning/summarize-created";
import type { Runbook, StepDefinition } from "./types";

/**
 * Provision: RUNBOOK "Creating a new managed instance", one job step per runbook step, in the
 * runbook's order. People are asked only where the runbook needs someone outside the control
 * plane (billing, unless BILLING_ACCOUNT is set) or a judgement (a plan that destroys).
 * The certificate wait comes last before `active`: every other step can run without it.
 */
export const provisionRunbook: Runbook = {
  kind: "provision",
  title: "Provision a new instance",
  needsInstance: true,
  params: z.object({}).strict(),
  steps: () => [...gcpProjectSteps, ...terraformSteps, ...goLiveSteps].map(markingProvisioning),
  restore: {
    after: "create-project",
    // Failure or cancel: record what exists in GCP so far, and show the instance as failed.
    async run(ctx) {
      const instance = ctx.instance;
      if (!instance) return;
      ctx.log("what exists for this instance so far:");
      for (const line of await summarizeCreated(instance)) ctx.log(`  ${line}`);
      ctx.log("Retry the job to continue from the failed step; every step is safe to run again.");
      await db.instance.updateMany({ where: { id: instance.id, status: "provisioning" }, data: { status: "failed" } });
    },
  },
};

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
