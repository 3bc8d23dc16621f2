import { retargetBackend } from "../gcp";
import { upgradeInPlace } from "../ssh";
import { applyColour, destroyColour, leftoverColourVm, planColour, switchToColour } from "../upgrades/colour-deployment";
import { instanceOf, isColourDeployment, negName, otherColour, vmOfColour, vmOptions, type Colour } from "../upgrades/deployment";
import { applyNewDeployment, destroyOldDeployment, planNewDeployment, type DeploymentPlan } from "../upgrades/new-deployment";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import { policyApproves } from "../waves/approval-policy";
import type { StepContext, StepDefinition } from "./types";
import { healthStep, noticeOffStep, noticeOnStep, readOnlyStep, recordVersionStep, snapshotStep, writableStep } from "./upgrade-steps";

/** What users see while the load balancer switches colour (handbook figure). */
export const SWITCH_ERRORS_TEXT = "about 1m35s";

interface Snapshot {
  liveColour: Colour;
  snapshot: string;
}

/**
 * Red/black (the default; handbook): the other colour built beside the live one from a
 * snapshot of its data disk, made writable, moved to the release and health-checked on its
 * own VM through IAP; then users are switched to it and the old colour is destroyed.
 *
 * An instance the control plane built has one Terraform deployment per colour
 * (`prod-red`, `prod-black`): everything goes through its deployments repository and state.
 * A hand-built instance (one VM `prod`, no Terraform of ours) keeps the older path until it
 * is imported: a disk from the snapshot and the load balancer retargeted through the API,
 * the release moved on its only VM.
 */
export function redBlackSteps(p: UpgradeParams): StepDefinition[] {
  const snapshotOf = (ctx: StepContext) => ctx.detailOf("snapshot") as Snapshot;
  const newColour = (ctx: StepContext) => otherColour(snapshotOf(ctx).liveColour);
  const newVm = (ctx: StepContext) => vmOfColour(instanceOf(ctx), newColour(ctx));
  const plan = (ctx: StepContext) => ctx.detailOf("plan-deployment") as DeploymentPlan;
  const leftover = async (ctx: StepContext) => (isColourDeployment(instanceOf(ctx)) ? leftoverColourVm(ctx, newColour(ctx)) : null);
  return [
    noticeOnStep(p),
    readOnlyStep,
    snapshotStep(p),
    {
      key: "approve-clear-leftover",
      name: "Approve destroying a colour left by an earlier upgrade",
      kind: "approval",
      destructive: true,
      needed: async (ctx) => !!(await leftover(ctx)),
      instructions: "The colour this upgrade builds still exists from an earlier upgrade that failed or was cancelled; users are not on it. Approve to destroy it (its Terraform deployment) so it is built again from this upgrade's snapshot.",
    },
    {
      key: "clear-leftover",
      name: "Destroy the colour left by an earlier upgrade",
      kind: "automated",
      needed: async (ctx) => !!(await leftover(ctx)),
      async run(ctx) {
        ctx.log(`${await leftover(ctx)} is left from an earlier upgrade and does not serve: destroying it before building ${newColour(ctx)} from ${snapshotOf(ctx).snapshot}`);
        await destroyColour(ctx, newColour(ctx));
      },
    },
    {
      key: "plan-deployment",
      name: "Plan the new deployment (other colour) from the snapshot",
      kind: "automated",
      async run(ctx) {
        const s = snapshotOf(ctx);
        if (!isColourDeployment(instanceOf(ctx))) {
          ctx.log(`WARNING: ${instanceOf(ctx).slug} was built by hand (one VM, ${instanceOf(ctx).vmName}, no Terraform of ours): there is no second VM to build, so the release is applied on that VM after the snapshot. Import the instance to upgrade it red/black with two colours.`);
          return { detail: await planNewDeployment(ctx, p.version, s) };
        }
        const planned = await planColour(ctx, { colour: newColour(ctx), serving: s.liveColour, snapshot: s.snapshot, version: p.version });
        return { detail: { oldColour: s.liveColour, newColour: newColour(ctx), disk: `prod-${newColour(ctx)}-data`, planSha256: planned.planSha256, summary: planned.plan, plan: planned.plan } };
      },
    },
    {
      key: "approve-plan",
      name: "Approve the Terraform plan",
      kind: "approval",
      needed: (ctx) => !!plan(ctx).summary?.requiresApproval,
      instructions: "The plan destroys or replaces resources; read it before approving.",
      destructive: true,
    },
    {
      key: "apply-deployment",
      name: "Create the new deployment (terraform apply)",
      kind: "automated",
      async run(ctx) {
        if (!isColourDeployment(instanceOf(ctx))) return applyNewDeployment(ctx, plan(ctx));
        await applyColour(ctx, newColour(ctx), { plan: plan(ctx).summary, planSha256: plan(ctx).planSha256 });
      },
    },
    // The snapshot carries the read-only setting: migrations need a writable database first.
    writableStep("writable-new", "Make the database writable on the new deployment", newVm),
    {
      key: "start-new",
      name: `Move the new deployment to ${p.version} (compose file, pull, up; migrator)`,
      kind: "automated",
      run: async (ctx) => upgradeInPlace(vmOptions(ctx, newVm(ctx)), p.version),
    },
    healthStep(p, `Wait for containers, frontend and /__version ${p.version} on the new deployment`, newVm),
    {
      key: "approve-switch",
      name: "Approve switching the load balancer",
      kind: "approval",
      // A wave's approval policy may approve it once the health gate passed (audited per instance).
      needed: async (ctx) => !(await policyApproves(ctx, "approve-switch")),
      instructions: `Switching the load balancer to the new deployment: users will see ${SWITCH_ERRORS_TEXT} of errors while it switches.`,
    },
    {
      key: "retarget",
      name: "Point the load balancer at the new deployment",
      kind: "automated",
      async run(ctx) {
        const i = instanceOf(ctx);
        if (isColourDeployment(i)) return { detail: await switchToColour(ctx, newColour(ctx), p.version) };
        const to = negName(newColour(ctx));
        const r = await retargetBackend({ project: i.gcpProjectId, to: { type: "networkEndpointGroup", zone: i.zone, name: to } });
        ctx.log(r.changed ? `prod-backend-service: ${r.previous?.name ?? "nothing"} → ${to}` : `prod-backend-service already points at ${to}`);
      },
    },
    {
      key: "approve-destroy",
      name: "Approve destroying the old deployment",
      kind: "approval",
      needed: async (ctx) => !(await policyApproves(ctx, "approve-destroy")),
      instructions: "Users now reach the new deployment. Approve to destroy the old one (the snapshot is kept).",
      destructive: true,
    },
    {
      key: "destroy-old",
      name: "Destroy the old deployment",
      kind: "automated",
      async run(ctx) {
        const old = snapshotOf(ctx).liveColour;
        if (isColourDeployment(instanceOf(ctx))) return destroyColour(ctx, old);
        return destroyOldDeployment(ctx, old);
      },
    },
    noticeOffStep,
    recordVersionStep(p),
  ];
}
