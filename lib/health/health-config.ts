import { config, type Config } from "../config/load-config";

/** Health-check settings, from the configuration (lib/config) (documented in lib/health/README.md). */
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

export function healthConfig(c: Config = config()): HealthConfig {
  return {
    intervalSeconds: c.HEALTH_CHECK_INTERVAL_SECONDS,
    concurrency: c.HEALTH_CHECK_CONCURRENCY,
    checkTimeoutMs: c.HEALTH_CHECK_TIMEOUT_MS,
    pollMs: c.HEALTH_CHECK_POLL_MS,
    inventoryScope: c.HEALTH_ASSET_SCOPE ?? c.GCP_PROJECT_PARENT ?? null,
    inventoryMaxAgeSeconds: c.HEALTH_ASSET_MAX_AGE_SECONDS,
  };
}
