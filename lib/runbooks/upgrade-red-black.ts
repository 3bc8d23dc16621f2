import { upgradeInPlace } from "../ssh";
import { applyStateBucket } from "../provisioning/steps/terraform";
import { ensureDeployKey } from "../provisioning/steps/gcp-project";
import { FIRST_COLOUR } from "./metadata/provision";
import { applyColour, destroyColour, leftoverColourVm, planColour, removeHandBuilt, switchToColour } from "../upgrades/colour-deployment";
import { instanceOf, isColourDeployment, otherColour, vmOptions, type Colour } from "../upgrades/deployment";
import { vmNameOf } from "../instances/colours";
import type { PlanSummary } from "../terraform";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import { policyApproves } from "../waves/approval-policy";
import type { StepContext, StepWork } from "./types";
import { healthStep, noticeOffStep, noticeOnStep, readOnlyStep, recordVersionStep, snapshotStep, writableStep, type UpgradeSnapshot } from "./upgrade-steps";

interface DeploymentPlan {
  oldColour: Colour | null;
  newColour: Colour;
  planSha256: string | null;
  summary: PlanSummary | null;
}

/**
 * Red/black (the default; handbook): the other colour built beside the live one through
 * Terraform (its own root and state in the bucket) from a snapshot of its data disk, made
 * writable, moved to the release and health-checked on its own VM through IAP; then users
 * are switched to it and the old colour is destroyed with its own state.
 *
 * A hand-built instance (one VM `prod` behind `prod-neg`, no Terraform of ours) gets its
 * first colour the same way. Before anything changes it gets a deploy key and its state
 * bucket (an existing one is imported); at the switch its front end (addresses, NAT, load
 * balancer, certificate, allowlist) is imported into the infrastructure root's state; after
 * the switch `prod` is deleted by name. From then on it is a colour deployment.
 */
export function redBlackSteps(p: UpgradeParams): StepWork[] {
  const snapshotOf = (ctx: StepContext) => ctx.detailOf("snapshot") as UpgradeSnapshot;
  const newColour = (ctx: StepContext): Colour => {
    const live = snapshotOf(ctx).liveColour;
    return live ? otherColour(live) : FIRST_COLOUR;
  };
  const newVm = (ctx: StepContext) => vmNameOf(newColour(ctx));
  const plan = (ctx: StepContext) => ctx.detailOf("plan-deployment") as DeploymentPlan;
  const leftover = (ctx: StepContext) => leftoverColourVm(ctx, newColour(ctx));
  return [
    {
      key: "prepare-terraform",
      needed: async (ctx) => !isColourDeployment(instanceOf(ctx)),
      async run(ctx) {
        ctx.log(`${instanceOf(ctx).slug} was built by hand (VM ${instanceOf(ctx).vmName}): it gets a deploy key and its state bucket before its first colour`);
        const key = await ensureDeployKey(ctx);
        const bucket = await applyStateBucket(ctx, { adopt: true });
        return { detail: { serviceAccount: key.email, ...bucket } };
      },
    },
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
        const colour = newColour(ctx);
        const planned = await planColour(ctx, { colour, serving: s.liveColour ?? colour, snapshot: s.snapshot, version: p.version });
        return { detail: { oldColour: s.liveColour, newColour: colour, planSha256: planned.planSha256, summary: planned.plan, plan: planned.plan } };
      },
    },
    {
      key: "approve-plan",
      needed: (ctx) => !!plan(ctx).summary?.requiresApproval,
    },
    {
      key: "apply-deployment",
      run: async (ctx) => applyColour(ctx, newColour(ctx), { plan: plan(ctx).summary, planSha256: plan(ctx).planSha256 }),
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
      run: async (ctx) => ({ detail: await switchToColour(ctx, newColour(ctx), p.version, { adopt: snapshotOf(ctx).liveColour === null }) }),
    },
    {
      key: "approve-destroy",
      needed: async (ctx) => !(await policyApproves(ctx, "approve-destroy")),
    },
    {
      key: "destroy-old",
      async run(ctx) {
        const s = snapshotOf(ctx);
        if (s.liveColour) return destroyColour(ctx, s.liveColour);
        return removeHandBuilt(ctx, s.liveVm);
      },
    },
    noticeOffStep,
    recordVersionStep(p),
  ];
}
