import { getDisk } from "../gcp";
import type { Instance } from "../generated/prisma/client";
import { colourOfVm, dataDiskName, type Colour } from "../instances/colours";
import { planRoot, type PlanDetail } from "../provisioning/apply-planned";
import { commitRendered } from "../provisioning/commit-rendered";
import { renderDeployment } from "../provisioning/render-deployment";
import { provisioningSettings } from "../provisioning/settings";
import { StepError, type StepContext } from "../runbooks/types";
import { instanceOf } from "../upgrades/deployment";

/** The serving colour of an instance the control plane built; a hand-built one has no Terraform of ours to change. */
export function servingColour(i: Instance, what: string): Colour {
  const colour = colourOfVm(i.vmName);
  if (!colour) throw new StepError(`${i.slug} was built by hand (VM ${i.vmName}, no Terraform of ours): ${what} goes through its deployment's Terraform`, "Import the instance first, or change it by hand in the GCP console.");
  return colour;
}

/**
 * The serving colour's deployment rendered with `changes` (e.g. a new machine type),
 * committed and planned. Its data disk stays what it was made from (a snapshot after a
 * red/black, else blank), so only what changed is in the plan; a plan that would recreate
 * the VM or its data disk is refused (that loses the instance's running state or its data).
 */
export async function planServingColour(ctx: StepContext, changes: Partial<Pick<Instance, "machineType" | "dataDiskSizeGb">>, summary: string): Promise<PlanDetail & { colour: Colour }> {
  const i = instanceOf(ctx);
  const colour = servingColour(i, summary);
  const disk = await getDisk({ project: i.gcpProjectId, zone: i.zone, disk: dataDiskName(colour) });
  const files = await renderDeployment({ ...i, ...changes }, provisioningSettings(), { colours: [colour], servingColour: colour, dataDiskSnapshots: { [colour]: disk.sourceSnapshot ?? "" } });
  const file = `${colour}/deployment.tf`;
  await commitRendered(ctx, i, { [file]: files[file] }, { summary: `${summary} (${colour})`, replaceDirs: [colour] });
  const planned = await planRoot(ctx, i, colour);
  const recreated = (planned.plan?.changes ?? []).filter((c) => (c.isVm || /\.(data|data_disk)$/.test(c.address)) && c.action !== "update");
  if (recreated.length) {
    throw new StepError(`${summary} in Terraform would recreate ${recreated.map((c) => c.address).join(", ")}`, "Read the plan in the log: the VM and its data disk must change in place. Reconcile the deployment, then retry.");
  }
  return { colour, plan: planned.plan, planSha256: planned.planSha256 };
}
