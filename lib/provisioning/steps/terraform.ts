import { existsSync } from "node:fs";
import { db } from "../../db/client";
import { readInstanceNetwork } from "../../gcp";
import { StepError, type StepContext, type StepDefinition } from "../../runbooks/types";
import { parseInstanceOutputs, type PlanSummary } from "../../terraform";
import { demoWorld } from "../demo-world";
import { deploymentDirs, renderDeployment } from "../render-deployment";
import { provisioningSettings } from "../settings";
import { checkTerraform, instanceOf, terraformIn } from "../step-helpers";

interface PlanDetail {
  /** Named `plan` so the job page shows it as a plan summary. */
  plan: PlanSummary | null;
  planSha256: string | null;
}

/** RUNBOOK steps 8–13: create-deployment.sh, gcp-tfstate, infrastructure plan/apply, external IPs. */
export const terraformSteps: StepDefinition[] = [
  {
    key: "render-deployment",
    name: "Render the deployment's Terraform (create-deployment.sh)",
    kind: "automated",
    async run(ctx) {
      const i = instanceOf(ctx);
      const rendered = await renderDeployment(i, provisioningSettings());
      for (const f of rendered.files) ctx.log(`wrote ${f}`);
      return { detail: { dir: rendered.dir, version: i.version } };
    },
  },
  {
    key: "state-bucket",
    name: "Create the Terraform state bucket (gcp-tfstate)",
    kind: "automated",
    async run(ctx) {
      const { stateDir } = dirsOf(ctx);
      const { tf, plan } = await initAndPlan(ctx, stateDir);
      if (plan.summary?.hasChanges) checkTerraform(await tf.apply({ expectedPlanSha256: plan.planSha256 ?? undefined }), stateDir);
      else ctx.log("state bucket already up to date");
      const out = checkTerraform(await tf.output(), stateDir);
      return { detail: { bucket: out.outputs?.bucket_name?.value ?? null } };
    },
  },
  {
    key: "plan-infrastructure",
    name: "terraform init && terraform plan (infrastructure)",
    kind: "automated",
    async run(ctx) {
      const { plan } = await initAndPlan(ctx, dirsOf(ctx).infrastructureDir);
      const s = plan.summary;
      if (s) ctx.log(`plan: ${s.counts.add} to add, ${s.counts.change} to change, ${s.counts.destroy} to destroy (${s.counts.replace} replaced)`);
      return { detail: { plan: s, planSha256: plan.planSha256 } satisfies PlanDetail };
    },
  },
  {
    key: "approve-plan",
    name: "Approve the plan (it destroys or replaces resources)",
    kind: "approval",
    instructions: "The plan destroys or replaces existing resources. Read the summary of the plan step and approve only if that is intended.",
    needed: (ctx) => !!(ctx.detailOf("plan-infrastructure") as PlanDetail | null)?.plan?.requiresApproval,
  },
  {
    key: "apply-infrastructure",
    name: "terraform apply (infrastructure)",
    kind: "automated",
    async run(ctx) {
      const i = instanceOf(ctx);
      const { infrastructureDir } = dirsOf(ctx);
      const tf = terraformIn(ctx, infrastructureDir);
      const planned = ctx.detailOf("plan-infrastructure") as PlanDetail | null;
      if (existsSync(tf.planFile)) {
        checkTerraform(await tf.apply({ expectedPlanSha256: planned?.planSha256 ?? undefined }), infrastructureDir);
      } else {
        // A re-run after the saved plan was applied (plans are single use): check nothing is left.
        ctx.log("the saved plan was already applied; checking the deployment matches its configuration");
        const again = checkTerraform(await tf.plan(), infrastructureDir);
        if (again.summary?.requiresApproval) {
          throw new StepError("the infrastructure changed since the approved plan and would now destroy or replace resources", "Retry from a new provision job, or inspect the deployment directory with terraform plan.");
        }
        if (again.summary?.hasChanges) checkTerraform(await tf.apply({ expectedPlanSha256: again.planSha256 ?? undefined }), infrastructureDir);
      }
      const out = checkTerraform(await tf.output(), infrastructureDir);
      const outputs = parseInstanceOutputs(out.outputs ?? {});
      const demo = await demoWorld();
      if (demo) {
        ctx.log("demo mode: the emulated GCP project now has the VM, addresses and certificate, and the VM runs a fresh Sourcegraph");
        await demo.applyInfrastructure({
          slug: i.slug,
          projectId: i.gcpProjectId,
          zone: i.zone,
          version: i.version,
          globalIp: outputs.globalAddress,
          natIps: outputs.natIps,
          dataDiskSizeGb: i.dataDiskSizeGb,
          certificateReads: Number(process.env.DEMO_CERTIFICATE_READS ?? 3),
        });
      }
      return { detail: outputs };
    },
  },
  {
    key: "read-ips",
    name: "Find the external IPs (global and NAT)",
    kind: "automated",
    async run(ctx) {
      const i = instanceOf(ctx);
      const { infrastructureDir } = dirsOf(ctx);
      const out = checkTerraform(await terraformIn(ctx, infrastructureDir).output(), infrastructureDir);
      const outputs = parseInstanceOutputs(out.outputs ?? {});
      const net = await readInstanceNetwork({ project: i.gcpProjectId, region: i.region, zone: i.zone });
      ctx.log(`default-global-address   ${net.globalIp} (terraform output: ${outputs.globalAddress})`);
      net.natIps.forEach((ip, n) => ctx.log(`default-nat-manual-ip-${n}  ${ip}`));
      ctx.log(`VM prod is ${net.vmStatus}`);
      if (net.natIps.length !== 2) throw new StepError(`expected 2 NAT addresses, found ${net.natIps.length}`, "Check Cloud NAT in the GCP console; the apply may not have finished. Then retry.");
      if (net.globalIp !== outputs.globalAddress) ctx.log("note: GCP's global address differs from the Terraform output; recording GCP's");
      await db.instance.update({ where: { id: i.id }, data: { globalIp: net.globalIp, natIps: net.natIps } });
      return { detail: { globalIp: net.globalIp, natIps: net.natIps } };
    },
  },
];

/** `terraform init && terraform plan` in one working directory, failing the step on an error. */
async function initAndPlan(ctx: StepContext, dir: string) {
  const tf = terraformIn(ctx, dir);
  checkTerraform(await tf.init(), dir);
  return { tf, plan: checkTerraform(await tf.plan(), dir) };
}

function dirsOf(ctx: StepContext) {
  return deploymentDirs(instanceOf(ctx).slug, provisioningSettings());
}
