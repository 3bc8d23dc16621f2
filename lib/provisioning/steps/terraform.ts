import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "../../db/client";
import { readInstanceNetwork } from "../../gcp";
import { vmNameOf } from "../../instances/colours";
import { StepError, type StepContext, type StepWork } from "../../runbooks/types";
import { parseInstanceOutputs } from "../../terraform";
import { applyPlanned, planRoot, type PlanDetail } from "../apply-planned";
import { commitRendered } from "../commit-rendered";
import { renderDeployment, stateBucketName, type DeploymentRoot } from "../render-deployment";
import { FIRST_COLOUR } from "../../runbooks/metadata/provision";
import { provisioningSettings } from "../settings";
import { checkTerraform, instanceOf } from "../step-helpers";

/**
 * RUNBOOK steps 8–13: create-deployment.sh (committed), gcp-tfstate, the deployment and the
 * infrastructure planned, approved when they destroy or replace, applied; the external IPs.
 * Each root runs in a fresh checkout with its state in the bucket, so any worker can resume.
 */
export const terraformSteps: StepWork[] = [
  {
    key: "render-deployment",
    async run(ctx) {
      const i = instanceOf(ctx);
      const files = await renderDeployment(i, provisioningSettings(), { colours: [FIRST_COLOUR], servingColour: FIRST_COLOUR });
      // gcp-tfstate is not replaced: it also holds that root's committed state.
      const summary = `render deployment (Sourcegraph ${i.version}, ${i.machineType}, ${i.zone}, ${i.accessMode})`;
      const { commit } = await commitRendered(ctx, i, files, { summary, replaceDirs: ["infrastructure", FIRST_COLOUR] });
      return { detail: { commit, files: Object.keys(files), version: i.version } };
    },
  },
  {
    key: "state-bucket",
    run: async (ctx) => ({ detail: await applyStateBucket(ctx) }),
  },
  planStep("plan-deployment", FIRST_COLOUR),
  planStep("plan-infrastructure", "infrastructure"),
  {
    key: "approve-plan",
    needed: (ctx) => ["plan-deployment", "plan-infrastructure"].some((k) => !!(ctx.detailOf(k) as PlanDetail | null)?.plan?.requiresApproval),
  },
  applyStep("apply-deployment", FIRST_COLOUR, "plan-deployment"),
  applyStep("apply-infrastructure", "infrastructure", "plan-infrastructure"),
  {
    key: "read-ips",
    async run(ctx) {
      const i = instanceOf(ctx);
      const outputs = (ctx.detailOf("apply-infrastructure") as { globalAddress?: string } | null) ?? {};
      const vmName = vmNameOf(FIRST_COLOUR);
      const net = await readInstanceNetwork({ project: i.gcpProjectId, region: i.region, zone: i.zone, vmName });
      ctx.log(`default-global-address   ${net.globalIp} (terraform output: ${outputs.globalAddress ?? "none"})`);
      net.natIps.forEach((ip, n) => ctx.log(`default-nat-manual-ip-${n}  ${ip}`));
      ctx.log(`VM ${vmName} is ${net.vmStatus}`);
      if (net.natIps.length !== 2) throw new StepError(`expected 2 NAT addresses, found ${net.natIps.length}`, "Check Cloud NAT in the GCP console; the apply may not have finished. Then retry.");
      if (outputs.globalAddress && net.globalIp !== outputs.globalAddress) ctx.log("note: GCP's global address differs from the Terraform output; recording GCP's");
      await db.instance.update({ where: { id: i.id }, data: { globalIp: net.globalIp, natIps: net.natIps, vmName } });
      return { detail: { globalIp: net.globalIp, natIps: net.natIps, vmName } };
    },
  },
];

/**
 * RUNBOOK step 12: the gcp-tfstate root applied, its state committed beside it. With `adopt`
 * (a deployment built by hand, whose bucket may already exist), an existing bucket is
 * imported rather than created again.
 */
export async function applyStateBucket(ctx: StepContext, opts: { adopt?: boolean } = {}): Promise<{ bucket: string | null }> {
  const i = instanceOf(ctx);
  if (opts.adopt) {
    // A hand-built deployment has no roots of ours yet: gcp-tfstate first (its state file, once
    // there, stays beside it, so the folder is not replaced).
    const files = await renderDeployment(i, provisioningSettings(), { colours: [], servingColour: FIRST_COLOUR });
    await commitRendered(ctx, i, { "gcp-tfstate/gcp-tfstate.tf": files["gcp-tfstate/gcp-tfstate.tf"] }, { summary: "render gcp-tfstate (adopting a hand-built deployment)", replaceDirs: [] });
  }
  const { tf, plan: summary, planSha256 } = await planRoot(ctx, i, "gcp-tfstate", opts.adopt ? { adopt: { moduleName: "gcp_tfstate" } } : {});
  if (summary?.hasChanges) {
    const applied = await tf.apply({ expectedPlanSha256: planSha256 ?? undefined });
    // Commit whatever state exists, even after a failure: it records what was created.
    await commitState(ctx, tf.workingDir);
    if (!applied.ok && applied.errors.some((e) => /already ?exists|409/i.test(e))) {
      throw new StepError(
        `the state bucket ${stateBucketName(i.gcpProjectId)} already exists, but this deployment's gcp-tfstate has no record of it`,
        "An earlier run created it and stopped before its state was committed. If the bucket is empty, delete it and retry; otherwise import it (terraform import in gcp-tfstate) and commit the state.",
      );
    }
    checkTerraform(applied, tf.workingDir);
  } else ctx.log("state bucket already up to date");
  const out = checkTerraform(await tf.output(), tf.workingDir);
  return { bucket: (out.outputs?.bucket_name?.value as string | undefined) ?? null };
}

function planStep(key: string, root: DeploymentRoot): StepWork {
  return {
    key,
    async run(ctx) {
      const { plan, planSha256 } = await planRoot(ctx, instanceOf(ctx), root);
      return { detail: { plan, planSha256 } satisfies PlanDetail };
    },
  };
}

function applyStep(key: string, root: DeploymentRoot, planKey: string): StepWork {
  return {
    key,
    async run(ctx) {
      const tf = await applyPlanned(ctx, instanceOf(ctx), root, ctx.detailOf(planKey) as PlanDetail | null);
      if (root !== "infrastructure") return;
      const out = checkTerraform(await tf.output(), tf.workingDir);
      return { detail: parseInstanceOutputs(out.outputs ?? {}) };
    },
  };
}

/** gcp-tfstate keeps its state beside its configuration, committed (RUNBOOK). */
async function commitState(ctx: StepContext, dir: string) {
  const state = await readFile(path.join(dir, "terraform.tfstate"), "utf8").catch(() => null);
  if (state === null) return;
  await commitRendered(ctx, instanceOf(ctx), { "gcp-tfstate/terraform.tfstate": state }, { summary: "initialize GCP tfstate bucket", replaceDirs: [] });
}


