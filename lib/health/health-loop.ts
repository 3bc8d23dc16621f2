import { createFleetSearchClient, type FleetSearchClient } from "../gcp";
import { claimDueInstances } from "./claim-due-instances";
import { runFleetChecks, type FleetCheckContext } from "./fleet-checks";
import { healthConfig, type HealthConfig } from "./health-config";
import { gcpClients } from "./instance-checks";
import { PartlyRecorded, recordHealthBatch, type CheckedInstance } from "./record-health-batch";
import type { HealthTarget } from "./types";
import { VmInventory } from "./vm-inventory";

export interface HealthLoop {
  /** Stops claiming and waits (up to `graceMs`) for the checks in flight, and records them. */
  stop(graceMs?: number): Promise<void>;
  /** Rounds completed (checked and recorded) by this loop so far. */
  readonly completed: number;
  /** Where the results came from: reports read, SSH and IAP fallbacks, inventory searches. */
  readonly stats: FleetCheckContext["counters"] & { inventory: VmInventory["stats"] };
}

const RECORD_BATCH = 250;
const RECORD_EVERY_MS = 250;

/**
 * The worker's health-check loop (not graphile jobs: 10,000 instances every few minutes would
 * flood the job history). It keeps at most `concurrency` instances in flight, claims more as
 * slots free up (a quarter of them at a time), and sleeps `pollMs` when nothing is due. Each
 * check has its own deadline, so a slow instance holds one slot, never the loop. Results are
 * stored in batches (record-health-batch.ts); a state change is recorded on its own.
 */
export function startHealthLoop(opts: Partial<HealthConfig> & { log?: (m: string) => void } = {}): HealthLoop {
  const config = { ...healthConfig(), ...opts };
  const log = opts.log ?? (() => {});
  let searchClient: FleetSearchClient | undefined;
  const inventory = new VmInventory(config.inventoryScope, () => (searchClient ??= createFleetSearchClient({ callOptions: { retry: null, timeout: config.checkTimeoutMs } })), config.inventoryMaxAgeSeconds * 1000, log);
  const ctx: FleetCheckContext = { gcp: gcpClients(config.checkTimeoutMs), inventory, counters: { reports: 0, sshFallbacks: 0, iapFallbacks: 0, vmReadsPerProject: 0 } };
  const inFlight = new Set<Promise<void>>();
  const recorder = batchRecorder(log);
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  const runOne = (target: HealthTarget) => {
    const p = runFleetChecks(target, ctx, config.checkTimeoutMs)
      .then((results) => recorder.add({ instanceId: target.id, results, at: new Date() }, target.slug))
      .catch((e) => log(`health: ${target.slug} not checked: ${(e as Error).message}`))
      .finally(() => {
        inFlight.delete(p);
        wake?.();
      });
    inFlight.add(p);
  };

  const claimAtOnce = Math.max(1, Math.floor(config.concurrency / 4));
  const loop = (async () => {
    // The fleet's VM states before the first checks, so they don't each wait for the search.
    await inventory.prime();
    while (!stopped) {
      const free = config.concurrency - inFlight.size;
      let claimed = 0;
      if (free >= claimAtOnce || inFlight.size === 0) {
        try {
          const due = await claimDueInstances(free, config.intervalSeconds);
          claimed = due.length;
          for (const target of due) runOne(target);
        } catch (e) {
          log(`health: claiming failed: ${(e as Error).message}`);
        }
      }
      if (stopped) break;
      // Too few slots free: wait for one. Nothing due: wait for the next poll (or a slot, to re-check soon).
      if (free < claimAtOnce && inFlight.size > 0) await sleep(60_000);
      else if (claimed < free) await sleep(config.pollMs);
    }
  })();

  return {
    get completed() {
      return recorder.completed;
    },
    get stats() {
      return { ...ctx.counters, inventory: { ...inventory.stats } };
    },
    async stop(graceMs = 5_000) {
      stopped = true;
      wake?.();
      await loop;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, graceMs))]);
      await recorder.flush();
      await searchClient?.close();
      const { searches, pages, quotaRetries, failures } = inventory.stats;
      const c = ctx.counters;
      log(`health: loop stopped after ${recorder.completed} rounds: reports=${c.reports} sshFallbacks=${c.sshFallbacks} iapFallbacks=${c.iapFallbacks} vmReadsPerProject=${c.vmReadsPerProject} inventorySearches=${searches} pages=${pages} quotaRetries=${quotaRetries} failures=${failures}`);
    },
  };
}

/** Collects finished rounds and stores them RECORD_BATCH at a time (or every RECORD_EVERY_MS), one flush at a time. */
function batchRecorder(log: (m: string) => void) {
  let buffer: { round: CheckedInstance; slug: string }[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let completed = 0;
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return flushing;
    flushing = flushing.then(async () => {
      const slugs = new Map(batch.map((b) => [b.round.instanceId, b.slug]));
      let recorded: Awaited<ReturnType<typeof recordHealthBatch>> = [];
      try {
        recorded = await recordHealthBatch(batch.map((b) => b.round));
      } catch (e) {
        if (e instanceof PartlyRecorded) recorded = e.recorded;
        log(`health: ${e instanceof PartlyRecorded ? e.failures.length : batch.length} result(s) not recorded: ${(e as Error).message}`);
      }
      completed += recorded.length;
      for (const r of recorded) if (r.changed) log(`health: ${slugs.get(r.instanceId)} ${r.previous} → ${r.state}`);
    });
    return flushing;
  };
  return {
    get completed() {
      return completed;
    },
    flush,
    add(round: CheckedInstance, slug: string): Promise<void> {
      buffer.push({ round, slug });
      if (buffer.length >= RECORD_BATCH) return flush();
      timer ??= setTimeout(() => void flush(), RECORD_EVERY_MS);
      return Promise.resolve();
    },
  };
}
