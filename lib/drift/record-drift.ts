import { db } from "../db/client";
import type { DriftResult } from "./plan-drift";

/** The instance's last drift check, replacing the previous one. */
export async function recordDrift(instanceId: string, result: DriftResult, at = new Date()): Promise<void> {
  await db.instance.update({
    where: { id: instanceId },
    data: { driftStatus: result.status, driftChanges: result.changes, driftSummary: result.summary as object, driftCheckedAt: at, driftError: result.error },
  });
}

/** A hand-built instance: nothing to plan, recorded as such (not a failure). */
export async function recordNotManaged(instanceIds: string[], at = new Date(), client: Pick<typeof db, "instance"> = db): Promise<void> {
  if (!instanceIds.length) return;
  await client.instance.updateMany({
    where: { id: { in: instanceIds } },
    data: { driftStatus: "not_managed", driftChanges: null, driftSummary: { roots: [] }, driftCheckedAt: at, driftError: null },
  });
}
