import { z } from "zod";
import { getSnapshot } from "../gcp";
import { otherColour, vmNameOf, type Colour } from "../instances/colours";
import { servingColour } from "../lifecycle/plan-serving-colour";
import { applyColour, destroyColour, planColour, switchToColour } from "../upgrades/colour-deployment";
import { instanceOf, liveColour } from "../upgrades/deployment";
import type { PlanDetail } from "../provisioning/apply-planned";
import { waitUntilHealthy } from "../upgrades/wait-until-healthy";
import { SWITCH_ERRORS_TEXT } from "./upgrade-red-black";
import { writableStep } from "./upgrade-steps";
import { StepError, type Runbook, type StepContext } from "./types";

import { SNAPSHOT_NAME } from "../lifecycle/snapshot-name";
const restoreParams = z.object({ snapshot: z.string({ error: "snapshot is required" }).regex(SNAPSHOT_NAME, "snapshot must be a snapshot's name (lowercase letters, digits, hyphens)") }).strict();

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
export const restoreRunbook: Runbook<typeof restoreParams> = {
  kind: "restore",
  title: "Restore the instance from a snapshot (red/black)",
  needsInstance: true,
  params: restoreParams,
  steps: (p) => {
    const chosen = (ctx: StepContext) => ctx.detailOf("check-snapshot") as Chosen;
    const newColour = (ctx: StepContext) => otherColour(chosen(ctx).liveColour);
    const plan = (ctx: StepContext) => ctx.detailOf("plan-deployment") as PlanDetail;
    return [
      {
        key: "check-snapshot",
        name: `Check snapshot ${p.snapshot}`,
        kind: "automated",
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
        name: "Plan the new deployment (other colour) from the snapshot",
        kind: "automated",
        async run(ctx) {
          const planned = await planColour(ctx, { colour: newColour(ctx), serving: chosen(ctx).liveColour, snapshot: p.snapshot, version: instanceOf(ctx).version });
          return { detail: { ...planned, newColour: newColour(ctx) } };
        },
      },
      {
        key: "approve-plan",
        name: "Approve the Terraform plan",
        kind: "approval",
        needed: (ctx) => !!plan(ctx).plan?.requiresApproval,
        instructions: "The plan destroys or replaces resources; read it before approving.",
      },
      {
        key: "apply-deployment",
        name: "Create the new deployment (terraform apply)",
        kind: "automated",
        run: async (ctx) => applyColour(ctx, newColour(ctx), plan(ctx)),
      },
      // An upgrade snapshot carries the read-only setting: the restored database must take writes.
      writableStep("writable-new", "Make the database writable on the new deployment", (ctx) => vmNameOf(newColour(ctx))),
      {
        key: "wait-healthy",
        name: "Wait for containers, frontend and /__version on the new deployment",
        kind: "automated",
        run: async (ctx) => ({ detail: await waitUntilHealthy(ctx, instanceOf(ctx).version, vmNameOf(newColour(ctx))) }),
      },
      {
        key: "approve-switch",
        name: "Approve switching the load balancer to the restored deployment",
        kind: "approval",
        instructions: `Users will see the data as of snapshot ${p.snapshot} (later changes are not in it), and ${SWITCH_ERRORS_TEXT} of errors while the load balancer switches.`,
      },
      {
        key: "retarget",
        name: "Point the load balancer at the restored deployment",
        kind: "automated",
        run: async (ctx) => ({ detail: await switchToColour(ctx, newColour(ctx), instanceOf(ctx).version) }),
      },
      {
        key: "approve-destroy",
        name: "Approve destroying the old deployment",
        kind: "approval",
        instructions: "Users now reach the restored deployment. Approve to destroy the old one (take a snapshot of it first if its data may still be wanted).",
      },
      {
        key: "destroy-old",
        name: "Destroy the old deployment",
        kind: "automated",
        run: async (ctx) => destroyColour(ctx, chosen(ctx).liveColour),
      },
    ];
  },
};
