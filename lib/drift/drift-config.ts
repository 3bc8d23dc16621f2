/** The drift schedule's settings (README "Drift detection"), read from the environment as the neighbouring schedules do. */
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

export function driftConfig(env: Record<string, string | undefined> = process.env): DriftConfig {
  const concurrency = Number(env.DRIFT_CONCURRENCY ?? 2);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`DRIFT_CONCURRENCY must be a whole number of at least 1, not ${JSON.stringify(env.DRIFT_CONCURRENCY)}`);
  return {
    intervalMs: parseDuration(env.DRIFT_INTERVAL ?? "24h"),
    concurrency,
    pollMs: Number(env.DRIFT_POLL_MS ?? 60_000),
    enabled: env.DRIFT_CHECKS !== "0",
  };
}
