import { retargetBackend } from "../gcp";
import { upgradeInPlace } from "../ssh";
import { instanceOf, negName, vmOptions, type Colour } from "../upgrades/deployment";
import { applyNewDeployment, destroyOldDeployment, planNewDeployment, type DeploymentPlan } from "../upgrades/new-deployment";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import type { StepDefinition } from "./types";
import { healthStep, noticeOffStep, noticeOnStep, readOnlyStep, recordVersionStep, snapshotStep, writableStep } from "./upgrade-steps";

/** What users see while the load balancer switches colour (handbook figure). */
export const SWITCH_ERRORS_TEXT = "about 1m35s";

/** Red/black (the default; handbook): a new deployment beside the old one, then switch traffic. */
export function redBlackSteps(p: UpgradeParams): StepDefinition[] {
  const plan = (ctx: { detailOf(k: string): unknown }) => ctx.detailOf("plan-deployment") as DeploymentPlan;
  return [
    noticeOnStep(p),
    readOnlyStep,
    snapshotStep(p),
    {
      key: "plan-deployment",
      name: "Plan the new deployment (other colour) from the snapshot",
      kind: "automated",
      async run(ctx) {
        return { detail: await planNewDeployment(ctx, p.version, ctx.detailOf("snapshot") as { liveColour: Colour; snapshot: string }) };
      },
    },
    {
      key: "approve-plan",
      name: "Approve the Terraform plan",
      kind: "approval",
      needed: (ctx) => plan(ctx).summary.requiresApproval,
      instructions: "The plan destroys or replaces resources; read it before approving.",
    },
    { key: "apply-deployment", name: "Create the new deployment (terraform apply)", kind: "automated", run: async (ctx) => applyNewDeployment(ctx, plan(ctx)) },
    // The snapshot carries the read-only setting: migrations need a writable database first.
    writableStep("writable-new", "Make the database writable on the new deployment"),
    {
      key: "start-new",
      name: `Move the new deployment to ${p.version} (compose file, pull, up; migrator)`,
      kind: "automated",
      run: async (ctx) => upgradeInPlace(vmOptions(ctx), p.version),
    },
    healthStep(p, `Wait for containers, frontend and /__version ${p.version}`),
    {
      key: "approve-switch",
      name: "Approve switching the load balancer",
      kind: "approval",
      instructions: `Switching the load balancer to the new deployment: users will see ${SWITCH_ERRORS_TEXT} of errors while it switches.`,
    },
    {
      key: "retarget",
      name: "Point the load balancer at the new deployment",
      kind: "automated",
      async run(ctx) {
        const i = instanceOf(ctx);
        const { newColour } = plan(ctx);
        const r = await retargetBackend({ project: i.gcpProjectId, to: { type: "networkEndpointGroup", zone: i.zone, name: negName(newColour) } });
        ctx.log(r.changed ? `prod-backend-service: ${r.previous?.name ?? "nothing"} → ${negName(newColour)}` : `prod-backend-service already points at ${negName(newColour)}`);
      },
    },
    {
      key: "approve-destroy",
      name: "Approve destroying the old deployment",
      kind: "approval",
      instructions: "Users now reach the new deployment. Approve to destroy the old one (its disk and the snapshot are kept).",
    },
    { key: "destroy-old", name: "Destroy the old deployment", kind: "automated", run: async (ctx) => destroyOldDeployment(ctx, plan(ctx).oldColour) },
    noticeOffStep,
    recordVersionStep(p),
  ];
}
