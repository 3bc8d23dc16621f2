import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { rateLimit } from "../http/rate-limit";
import { findInstanceRow } from "../instances/get-instance";
import { checkAndRecord } from "./check-and-record";
import { postponeNextCheck } from "./claim-due-instances";
import { healthConfig } from "./health-config";
import { failingChecks } from "./overall-state";

/** Checks run SSH on the customer's VM: a few a minute per instance, whoever asks. */
export const CHECKS_PER_INSTANCE_PER_MINUTE = 3;

/** "Check now" on the instance page (`POST /api/instances/{slug}/health-check`): runs the checks and waits. */
export async function checkInstanceNow(actor: Actor, slug: string) {
  const row = await findInstanceRow(slug);
  if (!rateLimit(`check-now:${row.id}`, CHECKS_PER_INSTANCE_PER_MINUTE, 60_000)) {
    throw new AppError("rate_limited", `${row.slug} was checked ${CHECKS_PER_INSTANCE_PER_MINUTE} times in the last minute (each check runs SSH on its VM); wait a minute, or read the last result`);
  }
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
