import { managedByTerraform } from "../drift/managed-by-terraform";
import { mergePlanSummaries } from "../drift/merge-plan-summaries";
import { planDrift } from "../drift/plan-drift";
import { deploymentRoots } from "../drift/deployment-roots";
import { recordDrift, recordNotManaged } from "../drift/record-drift";
import { applyPlanned, planRoot, type PlanDetail } from "../provisioning/apply-planned";
import type { DeploymentRoot } from "../provisioning/render-deployment";
import { instanceOf } from "../provisioning/step-helpers";
import { implementRunbook } from "./implement-runbook";
import { driftCheckMetadata, reconcileMetadata } from "./metadata/drift";
import { StepError, type StepContext } from "./types";

/** Plans and records; a failed plan is recorded as `failed`, then fails the job with its reason. */
async function checkAndRecord(ctx: StepContext) {
  const i = instanceOf(ctx);
  if (!managedByTerraform(i)) {
    await recordNotManaged([i.id]);
    ctx.log(`${i.slug} was built by hand (VM ${i.vmName}): not managed by Terraform, nothing to plan`);
    return { status: "not_managed" as const, changes: 0 };
  }
  const result = await planDrift(ctx, i);
  await recordDrift(i.id, result);
  if (result.status === "failed") throw new StepError(`the drift check failed: ${result.error}`, "Read the Terraform output above; fix the cause and check again.");
  ctx.log(result.status === "drifted" ? `drifted: ${result.changes} change(s)` : "in sync");
  return { status: result.status, changes: result.changes, summary: result.summary };
}

/** `drift-check`: plan -detailed-exitcode of every root, recorded on the instance (lib/drift). */
export const driftCheckRunbook = implementRunbook(driftCheckMetadata, {
  steps: () => [{ key: "plan-and-record", run: async (ctx) => ({ detail: await checkAndRecord(ctx) }) }],
});

interface ReconcilePlan {
  plan: PlanDetail["plan"];
  roots: Partial<Record<DeploymentRoot, PlanDetail>>;
}

/** `reconcile`: every root planned, the plan approved by a person, the approved plans applied, the drift checked again. */
export const reconcileRunbook = implementRunbook(reconcileMetadata, {
  steps: () => [
    {
      key: "plan",
      async run(ctx) {
        const i = instanceOf(ctx);
        if (!managedByTerraform(i)) throw new StepError(`${i.slug} was built by hand (VM ${i.vmName}): no Terraform of ours to reconcile with`, "Import it first.");
        const roots: ReconcilePlan["roots"] = {};
        for (const root of await deploymentRoots(i.slug)) {
          const { plan, planSha256 } = await planRoot(ctx, i, root);
          roots[root] = { plan, planSha256 };
        }
        const summaries = Object.values(roots).flatMap((r) => (r?.plan ? [r.plan] : []));
        const plan = summaries.length ? mergePlanSummaries(summaries) : null;
        ctx.log(plan?.hasChanges ? `to reconcile: ${plan.changes.map((c) => `${c.address} (${c.action})`).join(", ")}` : "nothing to reconcile: every root matches its configuration");
        return { detail: { plan, roots } satisfies ReconcilePlan };
      },
    },
    {
      key: "apply",
      async run(ctx) {
        const i = instanceOf(ctx);
        const { roots } = ctx.detailOf("plan") as ReconcilePlan;
        for (const [root, planned] of Object.entries(roots) as [DeploymentRoot, PlanDetail][]) {
          if (!planned.plan?.hasChanges) {
            ctx.log(`${root}: no changes`);
            continue;
          }
          await applyPlanned(ctx, i, root, planned);
        }
      },
    },
    {
      key: "recheck",
      async run(ctx) {
        const result = await checkAndRecord(ctx);
        if (result.status === "drifted") throw new StepError(`still drifted after the apply: ${result.changes} change(s)`, "Something changes the resources again (another tool, a person): find it, then reconcile again.");
        return { detail: result };
      },
    },
  ],
});
