import { z } from "zod";
import type { RunbookMetadata } from "./types";

const noParams = z.object({}).strict();

/**
 * Drift check (issue 15, point 3): `terraform plan -detailed-exitcode` of every root of the
 * instance's deployment, recorded on the instance as in sync / drifted (N changes) / failed.
 * Started by the drift schedule (lib/drift) or "Check drift now"; it changes nothing.
 */
export const driftCheckMetadata: RunbookMetadata<typeof noParams> = {
  kind: "drift-check",
  title: "Check for drift (terraform plan of every root)",
  needsInstance: true,
  params: noParams,
  steps: () => [{ key: "plan-and-record", name: "Plan every root (terraform plan -detailed-exitcode) and record the drift", kind: "automated" }],
};

/** Reconcile: plan every root, a person reads and approves the plan, the approved plans applied, then checked again. */
export const reconcileMetadata: RunbookMetadata<typeof noParams> = {
  kind: "reconcile",
  title: "Reconcile drift (plan, approve, apply)",
  needsInstance: true,
  params: noParams,
  steps: () => [
    { key: "plan", name: "Plan every root (terraform plan)", kind: "automated" },
    {
      key: "approve-plan",
      name: "Approve the reconciling plan",
      kind: "approval",
      destructive: true,
      instructions: "The apply puts every resource back as the deployment's Terraform describes it, undoing changes made by hand in GCP. Read the plan above before approving.",
    },
    { key: "apply", name: "Apply the approved plans (terraform apply)", kind: "automated" },
    { key: "recheck", name: "Check for drift again", kind: "automated" },
  ],
};

export const DRIFT_METADATA = [driftCheckMetadata, reconcileMetadata];
