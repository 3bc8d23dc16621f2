import { z } from "zod";
import type { RunbookMetadata, StepOutline } from "./types";

/** Provisioning builds the red colour first; upgrades add black beside it. */
export const FIRST_COLOUR = "red";

/** RUNBOOK steps 1–5: project, billing, deploy service account and key, admin password, Compute API. */
const gcpProjectSteps: StepOutline[] = [
  { key: "create-project", name: "Create the GCP project and grant access", kind: "automated" },
  {
    key: "link-billing",
    name: "Link billing (ask @beyang)",
    kind: "human",
    instructions: "Link the new GCP project to the Sourcegraph billing account (GCP console > Billing > Link a billing account), then tick this step.",
  },
  { key: "confirm-billing", name: "Confirm billing is enabled", kind: "automated" },
  { key: "service-account", name: "Create the deploy service account and its JSON key", kind: "automated" },
  { key: "admin-password", name: "Create the sourcegraph-admin password", kind: "automated" },
  { key: "enable-compute", name: "Enable the Compute Engine API", kind: "automated" },
];

/** RUNBOOK steps 8–13: create-deployment.sh (committed), gcp-tfstate, plans, approval, applies, the external IPs. */
const terraformSteps: StepOutline[] = [
  { key: "render-deployment", name: "Render the deployment's Terraform and commit it (create-deployment.sh)", kind: "automated" },
  { key: "state-bucket", name: "Create the Terraform state bucket (gcp-tfstate)", kind: "automated" },
  { key: "plan-deployment", name: `terraform init && terraform plan (${FIRST_COLOUR} deployment: VM, data disk, endpoint group)`, kind: "automated" },
  { key: "plan-infrastructure", name: "terraform init && terraform plan (infrastructure: addresses, NAT, load balancer, certificate)", kind: "automated" },
  {
    key: "approve-plan",
    name: "Approve the plan (it destroys or replaces resources)",
    kind: "approval",
    destructive: true,
    instructions: "The plan destroys or replaces existing resources. Read the summaries of the plan steps and approve only if that is intended.",
  },
  { key: "apply-deployment", name: `terraform apply (${FIRST_COLOUR} deployment)`, kind: "automated" },
  { key: "apply-infrastructure", name: "terraform apply (infrastructure)", kind: "automated" },
  { key: "read-ips", name: "Find the external IPs (global and NAT)", kind: "automated" },
];

/** RUNBOOK steps 14–23: DNS, containers, frontend, first admin, site config, certificate, done. */
const goLiveSteps: StepOutline[] = [
  { key: "dns", name: "Point <slug>.sourcegraph.com at the global IP", kind: "automated" },
  { key: "containers-healthy", name: "Confirm all containers are healthy (docker ps)", kind: "automated" },
  { key: "frontend-health", name: "Check the frontend answers /healthz", kind: "automated" },
  { key: "site-admin", name: "Create the first site admin (sourcegraph-admin)", kind: "automated" },
  { key: "external-url", name: "Set externalURL in the site configuration", kind: "automated" },
  { key: "patch-updates", name: 'Set "alerts.showPatchUpdates": false', kind: "automated" },
  { key: "certificate", name: "Wait for the managed SSL certificate to be ACTIVE", kind: "automated" },
  { key: "mark-active", name: "Mark the instance active", kind: "automated" },
];

/**
 * Provision: RUNBOOK "Creating a new managed instance", one job step per runbook step, in the
 * runbook's order. People are asked only where the runbook needs someone outside the control
 * plane (billing, unless BILLING_ACCOUNT is set) or a judgement (a plan that destroys).
 * The certificate wait comes last before `active`: every other step can run without it.
 */
export const provisionMetadata: RunbookMetadata = {
  kind: "provision",
  title: "Provision a new instance",
  needsInstance: true,
  params: z.object({}).strict(),
  steps: () => [...gcpProjectSteps, ...terraformSteps, ...goLiveSteps],
  // Failure or cancel once the project exists: record what exists so far, mark the instance failed.
  restoreAfter: "create-project",
};
