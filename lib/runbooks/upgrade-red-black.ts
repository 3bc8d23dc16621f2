import { retargetBackend } from "../gcp";
import { upgradeInPlace } from "../ssh";
import { applyColour, destroyColour, leftoverColourVm, planColour, switchToColour } from "../upgrades/colour-deployment";
import { instanceOf, isColourDeployment, negName, otherColour, vmOfColour, vmOptions, type Colour } from "../upgrades/deployment";
import { applyNewDeployment, destroyOldDeployment, planNewDeployment, type DeploymentPlan } from "../upgrades/new-deployment";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import { policyApproves } from "../waves/approval-policy";
import type { StepContext, StepWork } from "./types";
import { healthStep, noticeOffStep, noticeOnStep, readOnlyStep, recordVersionStep, snapshotStep, writableStep } from "./upgrade-steps";

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
export function redBlackSteps(p: UpgradeParams): StepWork[] {
  const snapshotOf = (ctx: StepContext) => ctx.detailOf("snapshot") as Snapshot;
  const newColour = (ctx: StepContext) => otherColour(snapshotOf(ctx).liveColour);
  const newVm = (ctx: StepContext) => vmOfColour(instanceOf(ctx), newColour(ctx));
  const plan = (ctx: StepContext) => ctx.detailOf("plan-deployment") as DeploymentPlan;
  const leftover = async (ctx: StepContext) => (isColourDeployment(instanceOf(ctx)) ? leftoverColourVm(ctx, newColour(ctx)) : null);
  return [
    noticeOnStep(p),
    readOnlyStep,
    snapshotStep(p),
    { key: "approve-clear-leftover", needed: async (ctx) => !!(await leftover(ctx)) },
    {
      key: "clear-leftover",
      needed: async (ctx) => !!(await leftover(ctx)),
      async run(ctx) {
        ctx.log(`${await leftover(ctx)} is left from an earlier upgrade and does not serve: destroying it before building ${newColour(ctx)} from ${snapshotOf(ctx).snapshot}`);
        await destroyColour(ctx, newColour(ctx));
      },
    },
    {
      key: "plan-deployment",
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
      needed: (ctx) => !!plan(ctx).summary?.requiresApproval,
    },
    {
      key: "apply-deployment",
      async run(ctx) {
        if (!isColourDeployment(instanceOf(ctx))) return applyNewDeployment(ctx, plan(ctx));
        await applyColour(ctx, newColour(ctx), { plan: plan(ctx).summary, planSha256: plan(ctx).planSha256 });
      },
    },
    // The snapshot carries the read-only setting: migrations need a writable database first.
    writableStep("writable-new", newVm),
    {
      key: "start-new",
      run: async (ctx) => upgradeInPlace(vmOptions(ctx, newVm(ctx)), p.version),
    },
    healthStep(p, newVm),
    {
      key: "approve-switch",
      // A wave's approval policy may approve it once the health gate passed (audited per instance).
      needed: async (ctx) => !(await policyApproves(ctx, "approve-switch")),
    },
    {
      key: "retarget",
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
      needed: async (ctx) => !(await policyApproves(ctx, "approve-destroy")),
    },
    {
      key: "destroy-old",
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
