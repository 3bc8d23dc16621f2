import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { SYSTEM_ACTOR } from "../auth/actor";
import { compareVersions, versionOrder } from "../instances/versions";
import { snapshotDisk } from "../gcp";
import { addMaintenanceNotice, removeMaintenanceNotice } from "../sourcegraph";
import { makeDatabaseReadOnly, makeDatabaseWritable } from "../upgrades/database";
import type { Instance } from "../generated/prisma/client";
import { instanceOf, isColourDeployment, maintenanceMessage, servingDeployment, withSourcegraph, type Colour } from "../upgrades/deployment";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import { waitUntilHealthy } from "../upgrades/wait-until-healthy";
import type { StepContext, StepWork } from "./types";
import { StepError } from "./types";

/** Steps both strategies share, in the words of RUNBOOK "Upgrade process". */
export function noticeOnStep(p: UpgradeParams): StepWork {
  return {
    key: "notice-on",
    async run(ctx) {
      const i = instanceOf(ctx);
      if (compareVersions(p.version, i.version) <= 0) throw new StepError(`${p.version} is not newer than ${i.version}`, "Pick a newer release.");
      await db.instance.update({ where: { id: i.id }, data: { status: "upgrading" } });
      const procedure = procedureOf(i, p);
      ctx.log(`procedure: ${procedure}`);
      const message = maintenanceMessage(p.version);
      await withSourcegraph(ctx, undefined, ({ baseUrl, token }) => addMaintenanceNotice(baseUrl, token, { message, signal: ctx.signal }));
      ctx.log(`notice on (top, not dismissible): ${message}`);
      return { detail: { message, procedure } };
    },
  };
}

/** Which upgrade procedure this job runs, said before anything changes (the job's plan). */
function procedureOf(i: Instance, p: UpgradeParams): string {
  const from = `${i.version} → ${p.version}`;
  if (p.strategy === "in-place") return `in place on ${i.vmName} (${from}, no database changes): the release's compose file, pull, up`;
  if (!isColourDeployment(i)) {
    return `red/black on a hand-built instance (${from}): its first colour (prod-red) built through Terraform beside ${i.vmName} from a snapshot, its front end adopted into Terraform state at the switch, then ${i.vmName} deleted; one minor release at a time`;
  }
  return `red/black (${from}): a second colour beside ${i.vmName}, from a snapshot of its disk, then the switch; one minor release at a time (standard migrations)`;
}

export const readOnlyStep: StepWork = {
  key: "read-only",
  run: async (ctx) => makeDatabaseReadOnly(ctx),
};

/** What the snapshot step records: the serving deployment (colour null: the hand-built VM) and its snapshot. */
export interface UpgradeSnapshot {
  liveColour: Colour | null;
  liveVm: string;
  snapshot: string;
  diskSizeGb: number;
}

export function snapshotStep(p: UpgradeParams): StepWork {
  return {
    key: "snapshot",
    async run(ctx) {
      const i = instanceOf(ctx);
      const serving = await servingDeployment(ctx);
      const snapshotName = `upgrade-${p.version.replaceAll(".", "-")}-${ctx.jobId.slice(0, 8)}`;
      ctx.log(`snapshotting ${serving.dataDisk} (${serving.colour ?? "hand-built"} ${serving.vm}, serving) as ${snapshotName}`);
      const snap = await snapshotDisk({ project: i.gcpProjectId, zone: i.zone, disk: serving.dataDisk, snapshotName, labels: { purpose: "upgrade" } });
      ctx.log(`snapshot ${snap.name} is ${snap.status} (${snap.diskSizeGb} GB)`);
      return { detail: { liveColour: serving.colour, liveVm: serving.vm, snapshot: snap.name, diskSizeGb: snap.diskSizeGb } satisfies UpgradeSnapshot };
    },
  };
}

export const writableStep = (key: string, vm?: (ctx: StepContext) => string): StepWork => ({
  key,
  run: async (ctx) => makeDatabaseWritable(ctx, vm?.(ctx)),
});

/** The health gate on `vm` (default the serving one): containers, /healthz and /__version = target. */
export function healthStep(p: UpgradeParams, vm?: (ctx: StepContext) => string): StepWork {
  return { key: "wait-healthy", run: async (ctx) => ({ detail: await waitUntilHealthy(ctx, p.version, vm?.(ctx)) }) };
}

export const noticeOffStep: StepWork = {
  key: "notice-off",
  async run(ctx) {
    const { changed } = await withSourcegraph(ctx, undefined, ({ baseUrl, token }) => removeMaintenanceNotice(baseUrl, token, { signal: ctx.signal }));
    ctx.log(changed ? "notice removed" : "no notice of ours was up");
  },
};

export function recordVersionStep(p: UpgradeParams): StepWork {
  return {
    key: "record-version",
    async run(ctx) {
      const i = instanceOf(ctx);
      await db.$transaction(async (tx) => {
        await tx.instance.update({ where: { id: i.id }, data: { version: p.version, versionOrder: versionOrder(p.version), status: "active" } });
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: "instance.upgraded",
          targetType: "instance",
          targetId: i.id,
          instanceSlug: i.slug,
          params: { jobId: ctx.jobId, from: i.version, to: p.version, strategy: p.strategy },
        });
      });
      ctx.log(`instance ${i.slug}: ${i.version} → ${p.version}, active`);
    },
  };
}
