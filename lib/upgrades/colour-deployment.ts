import { config } from "../config/load-config";
import { db } from "../db/client";
import { deleteNetworkEndpointGroup, deleteVm, GcpError, getBackendTarget, getDisk, getVmStatus } from "../gcp";
import type { Instance } from "../generated/prisma/client";
import { colourOfVm, dataDiskName, negName, vmNameOf, type Colour } from "../instances/colours";
import { applyPlanned, planRoot, type PlanDetail } from "../provisioning/apply-planned";
import { commitRendered } from "../provisioning/commit-rendered";
import { renderDeployment } from "../provisioning/render-deployment";
import { checkTerraform, waitUntil } from "../provisioning/step-helpers";
import { provisioningSettings } from "../provisioning/settings";
import { StepError, type StepContext } from "../runbooks/types";
import { getVersion, sourcegraphBaseUrl } from "../sourcegraph";
import { HAND_BUILT_NEG, instanceOf } from "./deployment";

/**
 * Red/black for an instance the control plane built: each colour is its own Terraform
 * deployment (`<slug>/red`, `<slug>/black`, each with its state in the bucket), and the
 * infrastructure's `serving_colour` says which one the load balancer sends users to.
 * Every change is a commit in the deployments repository, then a plan and an apply.
 */

/** Renders the new colour (its data disk from `snapshot`, at `version`), commits it and plans it. */
export async function planColour(ctx: StepContext, o: { colour: Colour; serving: Colour; snapshot: string; version: string }): Promise<PlanDetail> {
  const i = instanceOf(ctx);
  const files = await renderDeployment(i, provisioningSettings(), { colours: [o.colour], servingColour: o.serving, dataDiskSnapshots: { [o.colour]: o.snapshot }, version: o.version });
  const file = `${o.colour}/deployment.tf`;
  await commitRendered(ctx, i, { [file]: files[file] }, { summary: `upgrade to ${o.version}: ${o.colour} deployment from snapshot ${o.snapshot}`, replaceDirs: [o.colour] });
  const { plan, planSha256 } = await planRoot(ctx, i, o.colour);
  return { plan, planSha256 };
}

export async function applyColour(ctx: StepContext, colour: Colour, planned: PlanDetail | null): Promise<void> {
  await applyPlanned(ctx, instanceOf(ctx), colour, planned);
}

/**
 * Moves users to `colour`: the infrastructure rendered with it as the serving colour,
 * committed and applied (the backend service is updated in place), the instance's serving
 * VM recorded, then the switch confirmed as users see it: the load balancer takes about a
 * minute to propagate (REALITY.md), so `/__version` is polled through it until it reports
 * `version`. An allowlisted instance refuses the workers there; the backend is read instead.
 */
export async function switchToColour(ctx: StepContext, colour: Colour, version: string, opts: { adopt?: boolean } = {}): Promise<{ confirmedBy: string }> {
  const i = instanceOf(ctx);
  const files = await renderDeployment(i, provisioningSettings(), { colours: [], servingColour: colour });
  const file = "infrastructure/infrastructure.tf";
  const summary = opts.adopt ? `switch users to ${colour} (${version}), adopting the hand-built front end` : `switch users to ${colour} (${version})`;
  await commitRendered(ctx, i, { [file]: files[file] }, { summary, replaceDirs: ["infrastructure"] });
  const planned = await planRoot(ctx, i, "infrastructure", opts.adopt ? { adopt: { moduleName: "instance" } } : {});
  const changes = planned.plan?.changes ?? [];
  // Adopting a hand-built front end: the plan imports what exists and creates what is missing
  // (the backend's new group is the switch); it must not delete or replace anything users
  // reach. Otherwise the switch changes the backend service's backend, nothing else. (The
  // offline fixture models that in-place update as a replaced terraform_data, hence "replace"
  // is allowed for the backend.) Anything more means the infrastructure drifted: a person decides.
  const unexpected = opts.adopt ? changes.filter((c) => c.action === "delete" || (c.action === "replace" && !/backend/.test(c.address))) : changes.filter((c) => !/backend/.test(c.address));
  if (unexpected.length) {
    throw new StepError(
      `switching colours would also change ${unexpected.map((c) => `${c.address} (${c.action})`).join(", ")}`,
      opts.adopt
        ? "The hand-built front end differs from what the instance module builds: read the plan in the log, fix the difference by hand (or adjust the instance record), then retry."
        : "The infrastructure has drifted from its configuration: read the plan in the log, reconcile it (a provision or import job), then retry.",
    );
  }
  if (opts.adopt) ctx.log(`adopting the front end: ${planned.plan?.counts.import ?? 0} resources imported into ${i.slug}/infrastructure's state`);
  await applyPlanned(ctx, i, "infrastructure", planned);
  await db.instance.update({ where: { id: i.id }, data: { vmName: vmNameOf(colour) } });
  ctx.log(`prod-backend-service → ${negName(colour)}; the serving VM is now ${vmNameOf(colour)}`);

  if (i.accessMode === "ip_allowlist") {
    const target = await getBackendTarget({ project: i.gcpProjectId });
    if (target?.name !== negName(colour)) throw new StepError(`prod-backend-service points at ${target?.name ?? "nothing"} after the apply`, "Check the backend service in the GCP console, then retry.");
    ctx.log(`the allowlist refuses this worker at https://${i.domain}; confirmed from the backend service instead`);
    return { confirmedBy: "backend service" };
  }
  const started = Date.now();
  await waitUntil(
    ctx,
    {
      what: `the load balancer to serve ${version}`,
      timeoutMs: config().UPGRADE_SWITCH_TIMEOUT_MS,
      everyMs: config().UPGRADE_HEALTH_POLL_MS,
      remedy: "Check prod-backend-service and the new colour's endpoint group; users are on whichever colour it points at.",
    },
    async () => {
      const seen = await getVersion(sourcegraphBaseUrl(i), { signal: ctx.signal }).catch((e: Error) => `no answer (${e.message})`);
      return { done: seen === version, progress: `https://${i.domain}/__version reports ${seen}` };
    },
  );
  ctx.log(`https://${i.domain}/__version reports ${version} through the load balancer (after ${Math.round((Date.now() - started) / 1000)} s)`);
  return { confirmedBy: "load balancer" };
}

/**
 * Destroys one colour with its own state, then removes its folder from the deployments
 * repository. No state for it (a deployment built by hand, or state lost) is a failure with
 * a remedy, never a silent success: its VM would be left running and billed.
 */
export async function destroyColour(ctx: StepContext, colour: Colour): Promise<void> {
  const i = instanceOf(ctx);
  const planned = await planRoot(ctx, i, colour, { destroy: true });
  if (!planned.plan?.counts.destroy) {
    // Run again after the destroy went through (its state is empty now, and so is GCP).
    if (!(await vmExists(i, vmNameOf(colour)))) {
      await commitRendered(ctx, i, {}, { summary: `destroy the ${colour} deployment`, replaceDirs: [colour] });
      ctx.log(`the ${colour} deployment was already destroyed`);
      return;
    }
    throw new StepError(
      `the ${colour} deployment has no Terraform state in the bucket: nothing would be destroyed, yet its VM ${vmNameOf(colour)} may exist`,
      `Import it (terraform import in ${i.slug}/${colour} with the deploy key) or delete its VM, data disk and endpoint group by hand, then retry.`,
    );
  }
  const { tf } = planned;
  checkTerraform(await tf.apply({ expectedPlanSha256: planned.planSha256 ?? undefined }), tf.workingDir);
  await commitRendered(ctx, i, {}, { summary: `destroy the ${colour} deployment`, replaceDirs: [colour] });
  ctx.log(`the ${colour} deployment is destroyed (the snapshot it came from is kept)`);
}

/**
 * The colour an upgrade is about to build, when it still exists from an earlier upgrade that
 * failed or was cancelled (the restore leaves it: users were never on it, or have left it).
 * Building over it would replace the data disk its VM still uses, which GCP refuses
 * (`resourceInUseByAnotherResource`, the RUNBOOK's ordering FAQ), so it is destroyed first.
 */
export async function leftoverColourVm(ctx: StepContext, colour: Colour): Promise<string | null> {
  const i = instanceOf(ctx);
  if (i.vmName === vmNameOf(colour)) return null;
  return (await vmExists(i, vmNameOf(colour))) ? vmNameOf(colour) : null;
}

/**
 * After users moved to a colour: the hand-built VM `prod` and its endpoint group go. They were
 * built by hand and never had Terraform state (so there is nothing to destroy "with its own
 * state"): they are deleted through the compute API, by name, after the approval. Its data
 * disk stays, with the upgrade's snapshot, as the fallback.
 */
export async function removeHandBuilt(ctx: StepContext, vm: string): Promise<void> {
  const i = instanceOf(ctx);
  if (colourOfVm(vm)) throw new StepError(`${vm} is a colour deployment, not the hand-built VM`, "This is a bug: report it with the job's log.");
  const neg = await deleteNetworkEndpointGroup({ project: i.gcpProjectId, zone: i.zone, name: HAND_BUILT_NEG });
  ctx.log(neg.deleted ? `endpoint group ${HAND_BUILT_NEG} deleted` : `endpoint group ${HAND_BUILT_NEG} was already gone`);
  const gone = await deleteVm({ project: i.gcpProjectId, zone: i.zone, vmName: vm });
  ctx.log(gone.deleted ? `hand-built VM ${vm} deleted (built by hand, no Terraform state; its data disk and the snapshot are kept)` : `hand-built VM ${vm} was already gone`);
}

async function vmExists(i: Instance, vmName: string): Promise<boolean> {
  try {
    await getVmStatus({ project: i.gcpProjectId, zone: i.zone, vmName });
    return true;
  } catch (e) {
    if (e instanceof GcpError && e.kind === "not-found") return false;
    throw e;
  }
}

/**
 * An in-place upgrade of a colour deployment: the serving colour's deployment rendered at
 * `version` (its release's deploy ref), committed and applied. The VM's metadata changes in
 * place; a plan that would recreate the VM or its disk is refused (that is a red/black).
 */
export async function recordReleaseInPlace(ctx: StepContext, version: string): Promise<void> {
  const i = instanceOf(ctx);
  const colour = colourOfVm(i.vmName);
  if (!colour) return ctx.log(`${i.slug} was built by hand (VM ${i.vmName}): no Terraform deployment of ours to update`);
  // The colour's disk stays what it was made from (a snapshot after a red/black, else blank).
  const disk = await getDisk({ project: i.gcpProjectId, zone: i.zone, disk: dataDiskName(colour) });
  const files = await renderDeployment(i, provisioningSettings(), { colours: [colour], servingColour: colour, version, dataDiskSnapshots: { [colour]: disk.sourceSnapshot ?? "" } });
  const file = `${colour}/deployment.tf`;
  await commitRendered(ctx, i, { [file]: files[file] }, { summary: `upgrade in place to ${version} (${colour})`, replaceDirs: [colour] });
  const planned = await planRoot(ctx, i, colour);
  const destructive = (planned.plan?.changes ?? []).filter((c) => (c.isVm || /disk/.test(c.address)) && c.action !== "update");
  if (destructive.length) {
    throw new StepError(`moving ${colour} to ${version} in Terraform would recreate ${destructive.map((c) => c.address).join(", ")}`, "Upgrade red/black instead; an in-place upgrade must keep the VM and its disk.");
  }
  await applyPlanned(ctx, i, colour, planned);
}
