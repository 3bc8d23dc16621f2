import type { Instance } from "../generated/prisma/client";
import { deploymentTerraform } from "../provisioning/deployment-terraform";
import type { DeploymentRoot } from "../provisioning/render-deployment";
import { checkTerraform } from "../provisioning/step-helpers";
import type { StepContext } from "../runbooks/types";
import type { PlanSummary } from "../terraform";
import { deploymentRoots } from "./deployment-roots";

/** One root's part of the recorded drift: what the plan would do to which resource. */
export interface RootDrift {
  root: DeploymentRoot;
  counts: PlanSummary["counts"];
  changes: { address: string; action: string; reason: string | null }[];
}

export interface DriftResult {
  status: "in_sync" | "drifted" | "failed";
  /** Resources the plans would change (0 when in sync or failed). */
  changes: number;
  summary: { roots: RootDrift[] };
  error: string | null;
}

/**
 * `terraform init` and `terraform plan -detailed-exitcode` of each root (exit 0: no changes,
 * 2: changes, anything else: the plan failed). The plans read the live resources (the
 * provider's refresh; the offline fixtures read them from the emulator), so a change made
 * behind Terraform's back is a change here. Changes nothing; a failure is a result, not a throw.
 */
export async function planDrift(ctx: StepContext, instance: Instance): Promise<DriftResult> {
  const roots: RootDrift[] = [];
  try {
    for (const root of await deploymentRoots(instance.slug)) {
      const tf = await deploymentTerraform(ctx, instance, root);
      checkTerraform(await tf.init(), tf.workingDir);
      const plan = checkTerraform(await tf.plan({ detailedExitCode: true }), tf.workingDir);
      const changes = plan.exitCode === 2 ? (plan.summary?.changes ?? []) : [];
      ctx.log(`${root}: ${plan.exitCode === 2 ? `drifted, ${changes.length} change(s): ${changes.map((c) => `${c.address} (${c.action})`).join(", ")}` : "in sync"}`);
      roots.push({
        root,
        counts: plan.summary?.counts ?? { add: 0, change: 0, destroy: 0, replace: 0, import: 0, forget: 0 },
        changes: changes.map((c) => ({ address: c.address, action: c.action, reason: c.reasonText })),
      });
    }
    if (!roots.length) return { status: "failed", changes: 0, summary: { roots }, error: `no Terraform roots for ${instance.slug} in the deployments repository` };
  } catch (e) {
    return { status: "failed", changes: 0, summary: { roots }, error: e instanceof Error ? e.message : String(e) };
  }
  const changes = roots.reduce((n, r) => n + r.changes.length, 0);
  return { status: changes ? "drifted" : "in_sync", changes, summary: { roots }, error: null };
}
