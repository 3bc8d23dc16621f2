import { implementRunbook } from "./implement-runbook";
import { resizeMetadata } from "./metadata/lifecycle";
import { getVmStatus, startVm, stopVm } from "../gcp";
import { sayingStateLeft } from "../lifecycle/left-state";
import { planServingColour } from "../lifecycle/plan-serving-colour";
import { recordInstanceChange } from "../lifecycle/record-status";
import { describeResize as describe, MACHINE_TYPE_DOWNTIME_TEXT } from "../lifecycle/resize-params";
import { applyPlanned, type PlanDetail } from "../provisioning/apply-planned";
import { addMaintenanceNotice, MAINTENANCE_NOTICE_PREFIX } from "../sourcegraph";
import { growFilesystem } from "../ssh";
import { instanceOf, vmOptions, withSourcegraph } from "../upgrades/deployment";
import { waitUntilHealthy } from "../upgrades/wait-until-healthy";
import { noticeOffStep } from "./upgrade-steps";
import type { StepContext } from "./types";

const RESIZE_NOTICE = `${MAINTENANCE_NOTICE_PREFIX}: its server is being resized and will be unavailable for a few minutes.`;

/** Whether users are served now (a suspended instance stays stopped; nothing to tell or check). */
const serving = (ctx: StepContext) => instanceOf(ctx).status !== "suspended";
const stopped = (ctx: StepContext) => (ctx.detailOf("stop-vm") as { stopped?: boolean } | null)?.stopped === true;

/**
 * Resize (handbook: machine-type and disk growth). Both go through the serving colour's
 * Terraform. A machine type changes only on a stopped VM (REALITY.md): notice on, VM stopped,
 * the apply sets the type, VM started, health gate, notice off. A disk grows online
 * (disks.resize), then its filesystem (`resize2fs` over SSH), then the health gate.
 */
export const resizeRunbook = implementRunbook(resizeMetadata, {
  steps: (p) => [
    {
      key: "plan",
      async run(ctx) {
        const planned = await planServingColour(ctx, { ...(p.machineType ? { machineType: p.machineType } : {}), ...(p.dataDiskSizeGb ? { dataDiskSizeGb: p.dataDiskSizeGb } : {}) }, `resize: ${describe(p)}`);
        const downtime = p.machineType && p.machineType !== instanceOf(ctx).machineType ? MACHINE_TYPE_DOWNTIME_TEXT : "none (the disk grows online)";
        ctx.log(`downtime: ${downtime}`);
        return { detail: { ...planned, downtime } };
      },
    },
    {
      key: "approve-plan",
      needed: (ctx) => !!(ctx.detailOf("plan") as PlanDetail | null)?.plan?.requiresApproval,
    },
    {
      key: "notice-on",
      async run(ctx) {
        if (!p.machineType || !serving(ctx)) return ctx.log("no downtime for users: no notice");
        await withSourcegraph(ctx, undefined, ({ baseUrl, token }) => addMaintenanceNotice(baseUrl, token, { message: RESIZE_NOTICE, signal: ctx.signal }));
        ctx.log(`notice on: ${RESIZE_NOTICE}`);
      },
    },
    {
      key: "stop-vm",
      async run(ctx) {
        const i = instanceOf(ctx);
        const ref = { project: i.gcpProjectId, zone: i.zone, vmName: i.vmName };
        if (!p.machineType) return ctx.log("the machine type does not change: the VM keeps running");
        if ((await getVmStatus(ref)) === "TERMINATED") return ctx.log(`VM ${i.vmName} is already stopped`);
        await sayingStateLeft(ctx, () => stopVm(ref));
        ctx.log(`VM ${i.vmName} is ${await getVmStatus(ref)}`);
        return { detail: { stopped: true } };
      },
    },
    {
      key: "apply",
      async run(ctx) {
        const i = instanceOf(ctx);
        await sayingStateLeft(ctx, () => applyPlanned(ctx, i, (ctx.detailOf("plan") as { colour: "red" | "black" }).colour, ctx.detailOf("plan") as PlanDetail));
        // The deployment now has the new size: the record says so at once, whatever follows.
        await recordInstanceChange(ctx, {
          action: "instance.resized",
          data: { ...(p.machineType ? { machineType: p.machineType } : {}), ...(p.dataDiskSizeGb ? { dataDiskSizeGb: p.dataDiskSizeGb } : {}) },
          params: { from: { machineType: i.machineType, dataDiskSizeGb: i.dataDiskSizeGb }, to: p },
        });
      },
    },
    {
      key: "start-vm",
      async run(ctx) {
        const i = instanceOf(ctx);
        if (!stopped(ctx)) return ctx.log(serving(ctx) ? "the VM was not stopped" : "suspended: the VM stays stopped");
        const ref = { project: i.gcpProjectId, zone: i.zone, vmName: i.vmName };
        await sayingStateLeft(ctx, () => startVm(ref));
        ctx.log(`VM ${i.vmName} is ${await getVmStatus(ref)}`);
      },
    },
    {
      key: "grow-filesystem",
      async run(ctx) {
        if (!p.dataDiskSizeGb) return ctx.log("the disk does not change");
        if (!serving(ctx)) return ctx.log("suspended: the startup script grows the filesystem when the VM boots again (resume)");
        ctx.log(`the data disk is ${p.dataDiskSizeGb} GB; growing its filesystem online`);
        await sayingStateLeft(ctx, () => growFilesystem(vmOptions(ctx)));
      },
    },
    {
      key: "wait-healthy",
      async run(ctx) {
        if (!serving(ctx)) return ctx.log("suspended: nothing serves, nothing to check");
        return { detail: await sayingStateLeft(ctx, () => waitUntilHealthy(ctx, instanceOf(ctx).version)) };
      },
    },
    { ...noticeOffStep, needed: undefined, run: async (ctx) => (p.machineType && serving(ctx) ? noticeOffStep.run!(ctx) : ctx.log("no notice was put up")) },
  ],
  // A failure after the notice went up: the VM running again (unless suspended) and the notice gone.
  async restore(ctx) {
    const i = instanceOf(ctx);
    if (!serving(ctx)) return;
    const ref = { project: i.gcpProjectId, zone: i.zone, vmName: i.vmName };
    if ((await getVmStatus(ref)) === "TERMINATED") {
      ctx.log(`starting VM ${i.vmName} again`);
      await startVm(ref);
    }
    if (ctx.params.machineType) await noticeOffStep.run!(ctx).catch((e: Error) => ctx.log(`the notice could not be removed: ${e.message}`));
  },
});
