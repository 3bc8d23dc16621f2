import { implementRunbook } from "./implement-runbook";
import { resumeMetadata } from "./metadata/lifecycle";
import { getVmStatus, startVm } from "../gcp";
import { sayingStateLeft } from "../lifecycle/left-state";
import { recordInstanceChange } from "../lifecycle/record-status";
import { instanceOf } from "../upgrades/deployment";
import { waitUntilHealthy } from "../upgrades/wait-until-healthy";


/**
 * Resume a suspended instance: the VM started (its startup script brings the containers up),
 * the health gate passed on it, then `active` again and checked by the health loop at once.
 * Until the gate passes the instance stays `suspended` on record.
 */
export const resumeRunbook = implementRunbook(resumeMetadata, {
  steps: () => [
    {
      key: "start-vm",
      async run(ctx) {
        const i = instanceOf(ctx);
        const ref = { project: i.gcpProjectId, zone: i.zone, vmName: i.vmName };
        ctx.log(`POST compute/v1/projects/${i.gcpProjectId}/zones/${i.zone}/instances/${i.vmName}/start`);
        await sayingStateLeft(ctx, () => startVm(ref));
        const status = await getVmStatus(ref);
        ctx.log(`VM ${i.vmName} is ${status}`);
        return { detail: { vmStatus: status } };
      },
    },
    {
      key: "wait-healthy",
      run: async (ctx) => ({ detail: await sayingStateLeft(ctx, () => waitUntilHealthy(ctx, instanceOf(ctx).version)) }),
    },
    {
      key: "mark-active",
      async run(ctx) {
        await recordInstanceChange(ctx, { action: "instance.resumed", status: "active", data: { nextHealthCheckAt: new Date() } });
      },
    },
  ],
});
