/** Notification settings, from the environment (documented in lib/notify/README.md). */
export interface NotifyConfig {
  /** A health state must be seen this many checks in a row before anyone is told (flap damping). */
  healthConsecutiveChecks: number;
  /** Attempts per delivery before it is given up as failed. */
  maxAttempts: number;
  /** First retry delay; each further retry doubles it, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Deadline of one HTTP attempt. */
  timeoutMs: number;
  /** Allow http:// and any host (demo mode and tests, whose receivers listen on 127.0.0.1). */
  allowInsecureUrls: boolean;
  /** The app's public URL, for links in messages. */
  appUrl: string | null;
}

export function notifyConfig(env: Record<string, string | undefined> = process.env): NotifyConfig {
  return {
    healthConsecutiveChecks: positive(env.NOTIFY_HEALTH_CONSECUTIVE_CHECKS, 2),
    maxAttempts: positive(env.NOTIFY_MAX_ATTEMPTS, 8),
    retryBaseMs: positive(env.NOTIFY_RETRY_BASE_MS, 10_000),
    retryMaxMs: positive(env.NOTIFY_RETRY_MAX_MS, 3_600_000),
    timeoutMs: positive(env.NOTIFY_TIMEOUT_MS, 10_000),
    allowInsecureUrls: env.NOTIFY_ALLOW_INSECURE_URLS === "1",
    appUrl: env.NEXTAUTH_URL?.replace(/\/+$/, "") || null,
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : fallback;
}
