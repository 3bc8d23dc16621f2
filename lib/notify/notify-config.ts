import { config, type Config } from "../config/load-config";

/** Notification settings, from the configuration (lib/config) (documented in lib/notify/README.md). */
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

export function notifyConfig(c: Config = config()): NotifyConfig {
  return {
    healthConsecutiveChecks: c.NOTIFY_HEALTH_CONSECUTIVE_CHECKS,
    maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: c.NOTIFY_RETRY_BASE_MS,
    retryMaxMs: c.NOTIFY_RETRY_MAX_MS,
    timeoutMs: c.NOTIFY_TIMEOUT_MS,
    allowInsecureUrls: c.NOTIFY_ALLOW_INSECURE_URLS,
    appUrl: c.NEXTAUTH_URL?.replace(/\/+$/, "") || null,
  };
}
