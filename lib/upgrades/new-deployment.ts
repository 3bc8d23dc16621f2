import { existsSync } from "node:fs";
import path from "node:path";
import { createDiskFromSnapshot } from "../gcp";
import { checkTerraform, stepTerraformRunner } from "../provisioning/step-helpers";
import { copyModule, type PlanSummary, type TerraformRunner } from "../terraform";
import type { StepContext } from "../runbooks/types";
import { StepError } from "../runbooks/types";
import { dataDiskName, instanceOf, otherColour, terraformDir, terraformModuleDir, type Colour } from "./deployment";

export interface DeploymentPlan {
  oldColour: Colour;
  newColour: Colour;
  disk: string;
  planSha256: string;
  summary: PlanSummary;
}

function runner(ctx: StepContext, colour: Colour): TerraformRunner {
  return stepTerraformRunner(ctx, { workingDir: terraformDir(instanceOf(ctx).slug, colour) });
}

/** The other colour: its data disk from the snapshot, then `terraform plan` for it at the new version. */
export async function planNewDeployment(ctx: StepContext, version: string, snapshot: { liveColour: Colour; snapshot: string }): Promise<DeploymentPlan> {
  const i = instanceOf(ctx);
  const newColour = otherColour(snapshot.liveColour);
  const disk = dataDiskName(newColour);
  ctx.log(`creating disk ${disk} from snapshot ${snapshot.snapshot}`);
  const made = await createDiskFromSnapshot({ project: i.gcpProjectId, zone: i.zone, disk, snapshot: snapshot.snapshot, labels: { colour: newColour } });
  ctx.log(`disk ${made.name} is ${made.status}`);
  await copyModule(terraformModuleDir(), terraformDir(i.slug, newColour));
  const tf = runner(ctx, newColour);
  checkTerraform(await tf.init(), tf.workingDir);
  const plan = checkTerraform(await tf.plan({ variables: { slug: i.slug, sourcegraph_version: version } }), tf.workingDir);
  if (!plan.summary || !plan.planSha256) throw new StepError("terraform plan produced no summary");
  const c = plan.summary.counts;
  ctx.log(`plan for ${newColour}: ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy (${c.replace} replaced)`);
  return { oldColour: snapshot.liveColour, newColour, disk, planSha256: plan.planSha256, summary: plan.summary };
}

/** `terraform apply` of exactly the plan that was shown (and approved when it had to be). */
export async function applyNewDeployment(ctx: StepContext, plan: DeploymentPlan): Promise<void> {
  const tf = runner(ctx, plan.newColour);
  if (!existsSync(tf.planFile) && existsSync(path.join(tf.workingDir, "terraform.tfstate"))) {
    ctx.log("the plan was already applied (this step is running again)");
    return;
  }
  checkTerraform(await tf.apply({ expectedPlanSha256: plan.planSha256 }), tf.workingDir);
}

/** Destroys the old colour's Terraform resources, when this control plane created them. */
export async function destroyOldDeployment(ctx: StepContext, colour: Colour): Promise<void> {
  const dir = terraformDir(instanceOf(ctx).slug, colour);
  if (!existsSync(path.join(dir, "terraform.tfstate"))) {
    ctx.log(`no Terraform state for the ${colour} deployment here; nothing to destroy (its data disk and the snapshot are kept)`);
    return;
  }
  const tf = runner(ctx, colour);
  checkTerraform(await tf.init(), tf.workingDir);
  const plan = checkTerraform(await tf.plan({ destroy: true, variables: { slug: instanceOf(ctx).slug, sourcegraph_version: "0.0.0" } }), tf.workingDir);
  checkTerraform(await tf.apply({ expectedPlanSha256: plan.planSha256 ?? undefined }), tf.workingDir);
  ctx.log(`the ${colour} deployment is destroyed (its data disk and the snapshot are kept as a fallback)`);
}
