import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { findInstanceRow } from "../instances/get-instance";
import { checkAndRecord } from "./check-and-record";
import { postponeNextCheck } from "./claim-due-instances";
import { healthConfig } from "./health-config";
import { failingChecks } from "./overall-state";

/** "Check now" on the instance page (`POST /api/instances/{slug}/health-check`): runs the checks and waits. */
export async function checkInstanceNow(actor: Actor, slug: string) {
  const row = await findInstanceRow(slug);
  const config = healthConfig();
  await postponeNextCheck(row.id, config.intervalSeconds);
  const result = await checkAndRecord(row, config.checkTimeoutMs);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "instance.health_check",
      targetType: "instance",
      targetId: row.id,
      instanceSlug: row.slug,
      params: { state: result.state, failing: failingChecks(result.results) },
    }),
  );
  return { state: result.state, previous: result.previous, changed: result.changed, checks: result.results };
}
