import type { ApprovalPolicy } from "../upgrades/upgrade-params";

/** The approval steps of a red/black upgrade a policy may give; `approve-plan` is never one of them. */
export type PolicyApprovableStep = "approve-switch" | "approve-destroy";

const AUTOMATIC: Record<ApprovalPolicy, readonly PolicyApprovableStep[]> = {
  "ask-every-step": [],
  "auto-switch-ask-destroy": ["approve-switch"],
  "auto-switch-auto-destroy": ["approve-switch", "approve-destroy"],
};

/** Whether `policy` gives this step without asking. A plan that destroys or replaces always asks. */
export function approvesAutomatically(policy: ApprovalPolicy, stepKey: string): boolean {
  return (AUTOMATIC[policy] as readonly string[]).includes(stepKey);
}

/** How each policy is named and explained on the form, the preview and the wave's page. */
export const APPROVAL_POLICY_TEXT: Record<ApprovalPolicy, { label: string; explanation: string }> = {
  "ask-every-step": {
    label: "Ask at every step",
    explanation: "each upgrade waits for a person before the load-balancer switch and before the old deployment is destroyed",
  },
  "auto-switch-ask-destroy": {
    label: "Switch automatically, ask before destroying",
    explanation: "switch automatically when the new colour passes its health gate; ask before destroying the old one",
  },
  "auto-switch-auto-destroy": {
    label: "Switch and destroy automatically",
    explanation: "switch automatically when the new colour passes its health gate, then destroy the old one without asking (the snapshot is kept)",
  },
};

/** Said under every choice: what no policy ever approves. */
export const PLAN_ALWAYS_ASKS = "A Terraform plan that destroys or replaces anything always waits for a person.";
