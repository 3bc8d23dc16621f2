import { db } from "../db/client";
import { overallState } from "./overall-state";
import { recordHealth, type RecordedHealth } from "./record-health";
import type { CheckResult } from "./types";

export interface CheckedInstance {
  instanceId: string;
  results: CheckResult[];
  at: Date;
}

/**
 * Stores many rounds at once. A round whose overall state is unchanged (and whose instance
 * already has a history) is only its checks and time: one UPDATE for the whole batch, whose
 * WHERE re-checks "unchanged" under the row lock. Every other round (a transition, or an
 * instance's first) goes through `recordHealth`, the one place a transition is detected and
 * its health_event written, so whatever hooks onto transitions there sees every one of them.
 * So does a round the notifications' flap damping still counts (a state seen but not yet
 * told, held for N checks in a row): only rounds it would not change take the fast path.
 */
export async function recordHealthBatch(rounds: CheckedInstance[]): Promise<(RecordedHealth & { instanceId: string })[]> {
  if (rounds.length === 0) return [];
  const states = rounds.map((r) => overallState(r.results));
  const unchanged = await db.$queryRaw<{ id: string }[]>`
    UPDATE instance i SET health_checked_at = v.at, health_checks = v.checks
    FROM unnest(${rounds.map((r) => r.instanceId)}::uuid[], ${states}::text[], ${rounds.map((r) => JSON.stringify(r.results))}::jsonb[], ${rounds.map((r) => r.at)}::timestamptz[])
      AS v(id, state, checks, at)
    WHERE i.id = v.id AND i.health::text = v.state AND i.health_since IS NOT NULL
      AND EXISTS (SELECT 1 FROM health_event e WHERE e.instance_id = i.id)
      -- Flap damping (lib/notify) has nothing to count: the state was told already, or says nothing.
      AND (v.state = 'unknown' OR EXISTS (SELECT 1 FROM health_notice n WHERE n.instance_id = i.id AND n.notified_state::text = v.state AND n.candidate_state IS NULL))
    RETURNING i.id`;
  const done = new Set(unchanged.map((u) => u.id));
  const out: (RecordedHealth & { instanceId: string })[] = [];
  const failures: string[] = [];
  for (const [i, round] of rounds.entries()) {
    if (done.has(round.instanceId)) out.push({ instanceId: round.instanceId, state: states[i], previous: states[i], changed: false });
    else {
      // One transition that cannot be stored (no connection free in time, a lost connection)
      // is tried once more, and must not lose the others.
      try {
        out.push({ instanceId: round.instanceId, ...(await recordHealth(round.instanceId, round.results, round.at).catch(retryOnce(round))) });
      } catch (e) {
        failures.push(`${round.instanceId}: ${(e as Error).message}`);
      }
    }
  }
  if (failures.length) throw new PartlyRecorded(out, failures);
  return out;
}

const retryOnce = (round: CheckedInstance) => async () => {
  await new Promise((r) => setTimeout(r, 1_000));
  return recordHealth(round.instanceId, round.results, round.at);
};

/** Some rounds of a batch were stored (`recorded`), others not (`failures`); the loop checks those again next interval. */
export class PartlyRecorded extends Error {
  constructor(
    readonly recorded: (RecordedHealth & { instanceId: string })[],
    readonly failures: string[],
  ) {
    super(`${failures.length} result(s) not recorded: ${failures.slice(0, 3).join("; ")}`);
  }
}
