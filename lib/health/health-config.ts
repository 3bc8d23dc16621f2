/** Health-check settings, from the environment (documented in lib/health/README.md). */
export interface HealthConfig {
  intervalSeconds: number;
  /** Instances checked at the same time by one worker (the checks wait on the network, not the CPU). */
  concurrency: number;
  /** Deadline of each single check (and so of an instance's whole run, since they run in parallel). */
  checkTimeoutMs: number;
  /** How often an idle loop looks for due instances. */
  pollMs: number;
  /**
   * The folder or organization Cloud Asset Inventory is searched under for every VM's state
   * (`HEALTH_ASSET_SCOPE`, else `GCP_PROJECT_PARENT`); null: each VM is read in its project.
   */
  inventoryScope: string | null;
  /** How long one search of the inventory serves the checks (its quota is 400 searches a minute). */
  inventoryMaxAgeSeconds: number;
}

export function healthConfig(env: Record<string, string | undefined> = process.env): HealthConfig {
  return {
    intervalSeconds: positive(env.HEALTH_CHECK_INTERVAL_SECONDS, 300),
    concurrency: positive(env.HEALTH_CHECK_CONCURRENCY, 32),
    checkTimeoutMs: positive(env.HEALTH_CHECK_TIMEOUT_MS, 10_000),
    pollMs: positive(env.HEALTH_CHECK_POLL_MS, 1_000),
    inventoryScope: env.HEALTH_ASSET_SCOPE?.trim() || env.GCP_PROJECT_PARENT?.trim() || null,
    inventoryMaxAgeSeconds: positive(env.HEALTH_ASSET_MAX_AGE_SECONDS, 60),
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isFinite(n) && n > 0 ? n : fallback;
}
