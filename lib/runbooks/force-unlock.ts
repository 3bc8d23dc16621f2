import { deploymentTerraform } from "../provisioning/deployment-terraform";
import { instanceOf } from "../provisioning/step-helpers";
import { implementRunbook } from "./implement-runbook";
import { forceUnlockMetadata } from "./metadata/force-unlock";
import { StepError } from "./types";

/**
 * Releases a Terraform state lock that a dead run left in the instance's bucket, once a
 * person approved (lib/runbooks/metadata/force-unlock.ts says why).
 */
export const forceUnlockRunbook = implementRunbook(forceUnlockMetadata, {
  steps: (p) => [
    {
      key: "force-unlock",
      async run(ctx) {
        const tf = await deploymentTerraform(ctx, instanceOf(ctx), p.root);
        const init = await tf.init();
        if (!init.ok) throw new StepError(`terraform init of ${p.root} failed: ${init.errors.join("; ")}`, "Read the log above, then retry.");
        const r = await tf.forceUnlock(p.lockId);
        if (!r.ok) throw new StepError(`terraform force-unlock ${p.lockId} failed: ${r.errors.join("; ") || `exit ${r.exitCode}`}`, "The lock ID must be the one Terraform printed; it may also have been released already.");
        ctx.log(`lock ${p.lockId} on ${p.root} released; retry the job that stopped on it`);
      },
    },
  ],
});
