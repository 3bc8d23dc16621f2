import { implementRunbook } from "./implement-runbook";
import { suspendMetadata } from "./metadata/lifecycle";
import { getVmStatus, stopVm } from "../gcp";
import { sayingStateLeft } from "../lifecycle/left-state";
import { recordInstanceChange } from "../lifecycle/record-status";
import { instanceOf } from "../upgrades/deployment";


/**
 * Suspend (a customer paused): the serving VM stopped, its disks kept (a stopped VM is
 * billed for its disks only); the instance is `suspended`, which the health loop skips and
 * the fleet shows as suspended, not down. `resume` undoes it.
 */
export const suspendRunbook = implementRunbook(suspendMetadata, {
  steps: () => [
    {
      key: "stop-vm",
      async run(ctx) {
        const i = instanceOf(ctx);
        const ref = { project: i.gcpProjectId, zone: i.zone, vmName: i.vmName };
        ctx.log(`POST compute/v1/projects/${i.gcpProjectId}/zones/${i.zone}/instances/${i.vmName}/stop`);
        await sayingStateLeft(ctx, () => stopVm(ref));
        const status = await getVmStatus(ref);
        ctx.log(`VM ${i.vmName} is ${status}; its boot and data disks are kept`);
        return { detail: { vmStatus: status } };
      },
    },
    {
      key: "mark-suspended",
      async run(ctx) {
        // Health "unknown" from now: nothing is checked while suspended (the loop skips it).
        await recordInstanceChange(ctx, { action: "instance.suspended", status: "suspended", data: { health: "unknown", healthSince: new Date() } });
      },
    },
  ],
});
