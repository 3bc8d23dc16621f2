import { checkAndRecord } from "./check-and-record";
import { claimDueInstances } from "./claim-due-instances";
import { healthConfig, type HealthConfig } from "./health-config";

export interface HealthLoop {
  /** Stops claiming and waits (up to `graceMs`) for the checks in flight. */
  stop(graceMs?: number): Promise<void>;
  /** Rounds completed by this loop so far. */
  readonly completed: number;
}

/**
 * The worker's health-check loop (not graphile jobs: 10,000 instances every few minutes would
 * flood the job history). It keeps at most `concurrency` instances in flight, claims more as
 * slots free up, and sleeps `pollMs` when nothing is due. Each check has its own deadline, so
 * a slow instance holds one slot, never the loop.
 */
export function startHealthLoop(opts: Partial<HealthConfig> & { log?: (m: string) => void } = {}): HealthLoop {
  const config = { ...healthConfig(), ...opts };
  const log = opts.log ?? (() => {});
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let completed = 0;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  const runOne = (target: Awaited<ReturnType<typeof claimDueInstances>>[number]) => {
    const p = checkAndRecord(target, config.checkTimeoutMs)
      .then((r) => {
        completed++;
        if (r.changed) log(`health: ${target.slug} ${r.previous} → ${r.state}`);
      })
      .catch((e) => log(`health: ${target.slug} not recorded: ${(e as Error).message}`))
      .finally(() => {
        inFlight.delete(p);
        wake?.();
      });
    inFlight.add(p);
  };

  const loop = (async () => {
    while (!stopped) {
      const free = config.concurrency - inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const due = await claimDueInstances(free, config.intervalSeconds);
          claimed = due.length;
          for (const target of due) runOne(target);
        } catch (e) {
          log(`health: claiming failed: ${(e as Error).message}`);
        }
      }
      if (stopped) break;
      // Full: wait for a slot. Nothing due: wait for the next poll (or a slot, to re-check soon).
      if (free <= 0 || claimed < free) await sleep(free <= 0 ? 60_000 : config.pollMs);
    }
  })();

  return {
    get completed() {
      return completed;
    },
    async stop(graceMs = 5_000) {
      stopped = true;
      wake?.();
      await loop;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, graceMs))]);
    },
  };
}
