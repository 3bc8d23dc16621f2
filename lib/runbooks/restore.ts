import { implementRunbook } from "./implement-runbook";
import { restoreMetadata } from "./metadata/lifecycle";
import { getSnapshot } from "../gcp";
import { otherColour, vmNameOf, type Colour } from "../instances/colours";
import { servingColour } from "../lifecycle/plan-serving-colour";
import { applyColour, destroyColour, planColour, switchToColour } from "../upgrades/colour-deployment";
import { instanceOf, liveColour } from "../upgrades/deployment";
import type { PlanDetail } from "../provisioning/apply-planned";
import { waitUntilHealthy } from "../upgrades/wait-until-healthy";
import { writableStep } from "./upgrade-steps";
import { StepError, type StepContext } from "./types";


interface Chosen {
  snapshot: string;
  liveColour: Colour;
}

/**
 * Restore from a snapshot, red/black (the upgrades' pattern): the other colour is built from
 * the chosen snapshot beside the live one, made writable and health-checked on its own VM;
 * users are switched to it after approval, then the old colour is destroyed after another.
 * The live disk is never overwritten: until the switch users stay on what they had.
 */
export const restoreRunbook = implementRunbook(restoreMetadata, {
  steps: (p) => {
    const chosen = (ctx: StepContext) => ctx.detailOf("check-snapshot") as Chosen;
    const newColour = (ctx: StepContext) => otherColour(chosen(ctx).liveColour);
    const plan = (ctx: StepContext) => ctx.detailOf("plan-deployment") as PlanDetail;
    return [
      {
        key: "check-snapshot",
        async run(ctx) {
          const i = instanceOf(ctx);
          servingColour(i, "a restore");
          const snap = await getSnapshot({ project: i.gcpProjectId, name: p.snapshot });
          if (snap.labels.instance && snap.labels.instance !== i.slug) throw new StepError(`snapshot ${p.snapshot} is of ${snap.labels.instance}, not ${i.slug}`, "Pick one of this instance's snapshots.");
          if (snap.status !== "READY") throw new StepError(`snapshot ${p.snapshot} is ${snap.status}`, "Wait until it is READY, then retry.");
          const { colour } = await liveColour(ctx);
          ctx.log(`snapshot ${p.snapshot}: ${snap.diskSizeGb} GB, taken ${snap.createdAt} (${snap.labels.purpose ?? "no reason"}); users stay on ${colour} until the switch`);
          return { detail: { snapshot: p.snapshot, liveColour: colour } satisfies Chosen };
        },
      },
      {
        key: "plan-deployment",
        async run(ctx) {
          const planned = await planColour(ctx, { colour: newColour(ctx), serving: chosen(ctx).liveColour, snapshot: p.snapshot, version: instanceOf(ctx).version });
          return { detail: { ...planned, newColour: newColour(ctx) } };
        },
      },
      {
        key: "approve-plan",
        needed: (ctx) => !!plan(ctx).plan?.requiresApproval,
      },
      {
        key: "apply-deployment",
        run: async (ctx) => applyColour(ctx, newColour(ctx), plan(ctx)),
      },
      // An upgrade snapshot carries the read-only setting: the restored database must take writes.
      writableStep("writable-new", (ctx) => vmNameOf(newColour(ctx))),
      {
        key: "wait-healthy",
        run: async (ctx) => ({ detail: await waitUntilHealthy(ctx, instanceOf(ctx).version, vmNameOf(newColour(ctx))) }),
      },
      {
        key: "approve-switch",
      },
      {
        key: "retarget",
        run: async (ctx) => ({ detail: await switchToColour(ctx, newColour(ctx), instanceOf(ctx).version) }),
      },
      {
        key: "approve-destroy",
      },
      {
        key: "destroy-old",
        run: async (ctx) => destroyColour(ctx, chosen(ctx).liveColour),
      },
    ];
  },
});
