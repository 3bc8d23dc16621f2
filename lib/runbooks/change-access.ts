import { implementRunbook } from "./implement-runbook";
import { changeAccessMetadata } from "./metadata/lifecycle";
import { getBackendSecurityPolicy } from "../gcp";
import { describeAccess as describe } from "../lifecycle/change-access-params";
import { servingColour } from "../lifecycle/plan-serving-colour";
import { recordInstanceChange } from "../lifecycle/record-status";
import { applyPlanned, planRoot, type PlanDetail } from "../provisioning/apply-planned";
import { commitRendered } from "../provisioning/commit-rendered";
import { renderDeployment } from "../provisioning/render-deployment";
import { provisioningSettings } from "../provisioning/settings";
import { instanceOf } from "../upgrades/deployment";
import { StepError } from "./types";


/**
 * Change access: the Cloud Armor security policy on the load balancer's backend service
 * (REALITY.md: the load balancer is a proxy, so the allowlist is Cloud Armor, not a
 * firewall), changed through the infrastructure's Terraform. Takes effect on the load
 * balancer; the VM is not touched, so there is no downtime.
 */
export const changeAccessRunbook = implementRunbook(changeAccessMetadata, {
  steps: (p) => [
    {
      key: "plan",
      async run(ctx) {
        const i = instanceOf(ctx);
        const colour = servingColour(i, "changing access");
        const files = await renderDeployment({ ...i, accessMode: p.accessMode, allowlistCidrs: p.allowlistCidrs }, provisioningSettings(), { colours: [], servingColour: colour });
        const file = "infrastructure/infrastructure.tf";
        await commitRendered(ctx, i, { [file]: files[file] }, { summary: `access: ${describe(p)}`, replaceDirs: ["infrastructure"] });
        const planned = await planRoot(ctx, i, "infrastructure");
        // Only the allowlist and its attachment may change; anything else means drift a person must look at.
        const beyond = (planned.plan?.changes ?? []).filter((c) => !/allowlist|security_policy/.test(c.address));
        if (beyond.length) {
          throw new StepError(`changing access would also change ${beyond.map((c) => `${c.address} (${c.action})`).join(", ")}`, "The infrastructure has drifted from its configuration: reconcile it, then retry.");
        }
        return { detail: { plan: planned.plan, planSha256: planned.planSha256 } satisfies PlanDetail };
      },
    },
    {
      key: "approve-plan",
      needed: (ctx) => !!(ctx.detailOf("plan") as PlanDetail | null)?.plan?.requiresApproval,
    },
    {
      key: "apply",
      async run(ctx) {
        const i = instanceOf(ctx);
        await applyPlanned(ctx, i, "infrastructure", ctx.detailOf("plan") as PlanDetail);
        await recordInstanceChange(ctx, {
          action: "instance.access-changed",
          data: { accessMode: p.accessMode, allowlistCidrs: p.allowlistCidrs },
          params: { from: { accessMode: i.accessMode, allowlistCidrs: i.allowlistCidrs }, to: p },
        });
      },
    },
    {
      key: "verify",
      async run(ctx) {
        const policy = await getBackendSecurityPolicy({ project: instanceOf(ctx).gcpProjectId });
        const wanted = p.accessMode === "ip_allowlist";
        if (wanted !== (policy !== null)) {
          throw new StepError(`prod-backend-service has ${policy ? `security policy ${policy}` : "no security policy"} after the apply`, "Check the backend service in the GCP console, then retry.");
        }
        ctx.log(policy ? `prod-backend-service enforces ${policy}: only ${p.allowlistCidrs.join(", ")} get through (others see 403)` : "prod-backend-service has no security policy: the instance is public");
        return { detail: { securityPolicy: policy } };
      },
    },
  ],
});
