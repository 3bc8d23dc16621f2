import { SYSTEM_ACTOR } from "../auth/actor";
import { db } from "../db/client";
import { createJobInTransaction } from "../jobs/create-job";
import { driftConfig, type DriftConfig } from "./drift-config";
import { managedByTerraform } from "./managed-by-terraform";
import { recordNotManaged } from "./record-drift";

/** Any number took the lock: one worker schedules at a time. */
const SCHEDULE_LOCK = 0x4452_4946;
/** Due instances read per look. */
const PER_LOOK = 500;

export interface DriftLook {
  /** Slugs a `drift-check` job was started for. */
  started: string[];
  /** Hand-built instances recorded `not_managed` (nothing to plan). */
  notManaged: string[];
}

/**
 * Starts `drift-check` jobs for active instances whose slot came (lib/drift/drift-slot.ts: the
 * same hash offset, computed here in SQL) since their last check, keeping at most
 * `concurrency` drift checks queued or running across the fleet. An instance with a job in
 * progress is skipped (a plan must not run beside an apply); the job queue runs one job per
 * instance at a time anyway. Hand-built instances are recorded `not_managed` without a job.
 */
export async function scheduleDriftChecks(config: DriftConfig = driftConfig(), now = new Date()): Promise<DriftLook> {
  const interval = BigInt(Math.round(config.intervalMs));
  const nowMs = BigInt(now.getTime());
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SCHEDULE_LOCK}) AS locked`;
      if (!locked) return { started: [], notManaged: [] };
      const [{ running }] = await tx.$queryRaw<{ running: number }[]>`
        SELECT count(*)::int AS running FROM job WHERE kind = 'drift-check' AND status IN ('queued', 'running')`;
      const due = await tx.$queryRaw<{ id: string; slug: string; vm_name: string }[]>`
        WITH c AS (
          SELECT i.id, i.slug, i.vm_name, COALESCE(i.drift_checked_at, i.created_at) AS since,
                 ('x' || substr(encode(sha256(convert_to(i.id::text, 'UTF8')), 'hex'), 1, 12))::bit(48)::bigint % ${interval} AS off
          FROM instance i WHERE i.status = 'active')
        SELECT c.id, c.slug, c.vm_name FROM c
        WHERE c.since < to_timestamp(((((${nowMs} - c.off) / ${interval}) * ${interval}) + c.off) / 1000.0)
          AND NOT EXISTS (SELECT 1 FROM job j WHERE j.instance_id = c.id AND j.status IN ('queued', 'running', 'waiting'))
        ORDER BY c.since LIMIT ${PER_LOOK}`;
      const handBuilt = due.filter((i) => !managedByTerraform({ vmName: i.vm_name }));
      await recordNotManaged(handBuilt.map((i) => i.id), now, tx);
      const room = Math.max(0, config.concurrency - running);
      const started = due.filter((i) => managedByTerraform({ vmName: i.vm_name })).slice(0, room);
      for (const { slug } of started) await createJobInTransaction(tx, SYSTEM_ACTOR, { kind: "drift-check", instanceSlug: slug, params: {} });
      return { started: started.map((i) => i.slug), notManaged: handBuilt.map((i) => i.slug) };
    },
    { timeout: 60_000 },
  );
}

/** Every worker looks every DRIFT_POLL_MS (60 s); DRIFT_CHECKS=0 turns it off. */
export function startDriftSchedule(log: (line: string) => void, config: DriftConfig = driftConfig()): { stop(): void } {
  if (!config.enabled) return { stop() {} };
  const tick = () =>
    scheduleDriftChecks(config)
      .then(({ started, notManaged }) => {
        if (started.length) log(`drift checks started: ${started.join(", ")}`);
        if (notManaged.length) log(`drift: ${notManaged.length} hand-built instance(s) recorded as not managed by Terraform`);
      })
      .catch((e: Error) => log(`drift schedule failed: ${e.message}`));
  const timer = setInterval(tick, config.pollMs);
  void tick();
  return { stop: () => clearInterval(timer) };
}
