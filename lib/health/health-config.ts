/** Health-check settings, from the environment (documented in lib/health/README.md). */
export interface HealthConfig {
  intervalSeconds: number;
  /** Instances checked at the same time by one worker. */
  concurrency: number;
  /** Deadline of each single check (and so of an instance's whole run, since they run in parallel). */
  checkTimeoutMs: number;
  /** How often an idle loop looks for due instances. */
  pollMs: number;
}

export function healthConfig(env: Record<string, string | undefined> = process.env): HealthConfig {
  return {
    intervalSeconds: positive(env.HEALTH_CHECK_INTERVAL_SECONDS, 300),
    concurrency: positive(env.HEALTH_CHECK_CONCURRENCY, 4),
    checkTimeoutMs: positive(env.HEALTH_CHECK_TIMEOUT_MS, 10_000),
    pollMs: positive(env.HEALTH_CHECK_POLL_MS, 1_000),
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isFinite(n) && n > 0 ? n : fallback;
}
