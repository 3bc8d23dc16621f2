import { config, type Config } from "../config/load-config";

/** The drift schedule's settings (README "Drift detection"), from the one configuration (lib/config). */
export interface DriftConfig {
  /** How often each instance is checked (DRIFT_INTERVAL, default 24h). */
  intervalMs: number;
  /** Drift checks running at once across the fleet (DRIFT_CONCURRENCY, default 2). */
  concurrency: number;
  /** How often a worker looks for due instances (DRIFT_POLL_MS, default 60 s). */
  pollMs: number;
  /** DRIFT_CHECKS=0 turns a worker's schedule off. */
  enabled: boolean;
}

/** `24h`, `90m`, `30s`, `1d` or plain seconds. */
export function parseDuration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
  if (!m) throw new Error(`DRIFT_INTERVAL must be a duration like 24h, 90m or 3600 (seconds), not ${JSON.stringify(value)}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? "s"]!;
  const ms = Number(m[1]) * unit;
  if (ms < 1_000) throw new Error(`DRIFT_INTERVAL must be at least a second, not ${JSON.stringify(value)}`);
  return ms;
}

export function driftConfig(c: Pick<Config, "DRIFT_INTERVAL" | "DRIFT_CONCURRENCY" | "DRIFT_POLL_MS" | "DRIFT_CHECKS"> = config()): DriftConfig {
  return { intervalMs: parseDuration(c.DRIFT_INTERVAL), concurrency: c.DRIFT_CONCURRENCY, pollMs: c.DRIFT_POLL_MS, enabled: c.DRIFT_CHECKS };
}
