import { db } from "../db/client";
import type { HealthTarget } from "./types";

/** Instances the loop checks; the others have nothing to check yet, or any more. */
export const MONITORED_STATUSES = ["active", "upgrading", "maintenance", "failed"] as const;

/**
 * Claims up to `limit` instances whose check is due and moves their next check one interval
 * (±10% jitter, which keeps a fleet spread out) into the future, in one statement. SKIP
 * LOCKED lets any number of workers claim side by side without taking the same instance; a
 * worker that dies mid-check just leaves the instance for the next interval.
 */
export async function claimDueInstances(limit: number, intervalSeconds: number): Promise<HealthTarget[]> {
  if (limit <= 0) return [];
  return db.$queryRaw<HealthTarget[]>`
    UPDATE instance SET next_health_check_at = now() + make_interval(secs => ${intervalSeconds}::float8 * (0.9 + random() * 0.2))
    WHERE id IN (
      SELECT id FROM instance
      WHERE status::text = ANY(${[...MONITORED_STATUSES]}::text[])
        AND (next_health_check_at IS NULL OR next_health_check_at <= now())
      ORDER BY next_health_check_at ASC NULLS FIRST
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, slug, gcp_project_id AS "gcpProjectId", zone, vm_name AS "vmName", version, external_url AS "externalUrl", access_mode::text AS "accessMode"`;
}

/** After an on-demand check: the loop need not repeat it right away. */
export async function postponeNextCheck(instanceId: string, intervalSeconds: number): Promise<void> {
  await db.$executeRaw`UPDATE instance SET next_health_check_at = now() + make_interval(secs => ${intervalSeconds}::float8) WHERE id = ${instanceId}::uuid`;
}
