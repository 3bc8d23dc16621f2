import { access, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Instance } from "../generated/prisma/client";
import { StepError, type StepContext } from "../runbooks/types";
import type { PlanSummary, TerraformRunner } from "../terraform";
import { deploymentTerraform } from "./deployment-terraform";
import { importsForExisting, readModuleImports, renderImportBlocks } from "./adopt-resources";
import { stateBucketName, type DeploymentRoot } from "./render-deployment";
import { checkTerraform } from "./step-helpers";

/** What a plan step records: the summary shown (and approved) and the plan file's checksum. */
export interface PlanDetail {
  /** Named `plan` so the job page shows it as a plan summary. */
  plan: PlanSummary | null;
  planSha256: string | null;
}

/**
 * `terraform init && terraform plan` of one root of the instance's deployment. With `adopt`
 * (a deployment built by hand), the resources of that module that already exist in GCP are
 * imported by the plan (adopt-resources.ts) instead of created beside their namesakes.
 */
export async function planRoot(
  ctx: StepContext,
  instance: Instance,
  root: DeploymentRoot,
  opts: { destroy?: boolean; adopt?: { moduleName: string } } = {},
): Promise<PlanDetail & { tf: TerraformRunner }> {
  const tf = await deploymentTerraform(ctx, instance, root);
  checkTerraform(await tf.init(), tf.workingDir);
  if (opts.adopt) await writeImports(ctx, instance, tf.workingDir, opts.adopt.moduleName);
  const plan = checkTerraform(await tf.plan({ destroy: opts.destroy }), tf.workingDir);
  const s = plan.summary;
  if (s) ctx.log(`plan (${root}): ${s.counts.add} to add, ${s.counts.change} to change, ${s.counts.destroy} to destroy (${s.counts.replace} replaced)`);
  return { tf, plan: s, planSha256: plan.planSha256 };
}

/**
 * Applies the plan that was shown (and approved). On a worker that did not make the plan
 * (a resumed job: its plan file is on the other machine), or after the plan was applied,
 * it plans again from the state in the bucket: changes that destroy nothing are applied,
 * anything that would now destroy or replace needs a new approval.
 */
export async function applyPlanned(ctx: StepContext, instance: Instance, root: DeploymentRoot, planned: PlanDetail | null): Promise<TerraformRunner> {
  const tf = await deploymentTerraform(ctx, instance, root);
  checkTerraform(await tf.init(), tf.workingDir);
  if (await exists(tf.planFile)) {
    checkTerraform(await tf.apply({ expectedPlanSha256: planned?.planSha256 ?? undefined }), tf.workingDir);
    return tf;
  }
  ctx.log("no saved plan on this worker (another worker made it, or it was applied): planning again from the state in the bucket");
  const again = checkTerraform(await tf.plan(), tf.workingDir);
  if (again.summary?.requiresApproval && !planned?.plan?.requiresApproval) {
    throw new StepError(`the ${root} deployment changed since its plan and would now destroy or replace resources`, "Start a new job (its plan will ask for approval), or inspect the deployment with terraform plan.");
  }
  if (again.summary?.hasChanges) checkTerraform(await tf.apply({ expectedPlanSha256: again.planSha256 ?? undefined }), tf.workingDir);
  else ctx.log(`the ${root} deployment already matches its configuration`);
  return tf;
}

/** `imports.tf` in the checkout (never committed: the next run computes it again from GCP). */
async function writeImports(ctx: StepContext, instance: Instance, workingDir: string, moduleName: string) {
  const manifest = await readModuleImports(workingDir, moduleName);
  const variables = { project_id: instance.gcpProjectId, region: instance.region, zone: instance.zone, bucket_name: stateBucketName(instance.gcpProjectId) };
  const { imports, absent } = await importsForExisting(manifest, { moduleName, variables, accessMode: instance.accessMode });
  for (const b of imports) ctx.log(`adopting ${b.id} as ${b.to}`);
  for (const a of absent) ctx.log(`not in GCP, so created by the plan: ${a}`);
  await writeFile(path.join(workingDir, "imports.tf"), renderImportBlocks(imports));
}

const exists = (file: string) => access(file).then(() => true, () => false);
