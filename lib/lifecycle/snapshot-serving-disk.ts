import { snapshotDisk, type SnapshotInfo } from "../gcp";
import type { StepContext } from "../runbooks/types";
import { instanceOf, servingDeployment } from "../upgrades/deployment";

/** Why a snapshot was taken; a label on it, shown on the instance page. */
export type SnapshotReason = "manual" | "scheduled" | "upgrade" | "final";

/** `expires` label: the day after which pruning deletes the snapshot (none: kept). */
export const expiryLabel = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Snapshots the data disk of the colour users reach (read from the load balancer), labelled
 * with its reason and, when it expires, the day pruning may delete it. The name carries the
 * job, so a retried step finds the snapshot it already took.
 */
export async function snapshotServingDisk(ctx: StepContext, reason: SnapshotReason, retentionDays: number | null): Promise<SnapshotInfo & { colour: string }> {
  const i = instanceOf(ctx);
  const serving = await servingDeployment(ctx);
  const colour = serving.colour ?? "hand-built";
  const snapshotName = `${reason}-${new Date().toISOString().slice(0, 10)}-${ctx.jobId.slice(0, 8)}`;
  const labels: Record<string, string> = { purpose: reason, instance: i.slug, ...(retentionDays === null ? {} : { expires: expiryLabel(new Date(), retentionDays) }) };
  ctx.log(`snapshotting ${serving.dataDisk} (${colour}, serving) as ${snapshotName}${labels.expires ? `, kept until ${labels.expires}` : ", kept"}`);
  const snap = await snapshotDisk({ project: i.gcpProjectId, zone: i.zone, disk: serving.dataDisk, snapshotName, labels });
  ctx.log(`snapshot ${snap.name} is ${snap.status} (${snap.diskSizeGb} GB)`);
  return { ...snap, colour };
}
