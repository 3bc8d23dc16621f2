import type pg from "pg";

/** Behaviour of one emulator (not of the APIs it serves), set when it starts. */
export interface ComputeSettings {
  /**
   * How many reads a managed certificate stays PROVISIONING once DNS points its domains at
   * the load balancer (GCP_EMULATOR_CERTIFICATE_READS). Stands in for the hour or two
   * Google takes to issue it.
   */
  certificateReadsAfterDns: number;
}

export const DEFAULT_COMPUTE_SETTINGS: ComputeSettings = { certificateReadsAfterDns: 3 };

// Keyed by the emulator's pool: several emulators may run in one process (tests), each with its own settings.
const byPool = new WeakMap<pg.Pool, ComputeSettings>();

export function configureCompute(pool: pg.Pool, settings: Partial<ComputeSettings>): void {
  const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  byPool.set(pool, { ...computeSettings(pool), ...defined });
}

export function computeSettings(pool: pg.Pool): ComputeSettings {
  return byPool.get(pool) ?? DEFAULT_COMPUTE_SETTINGS;
}
