/** The outcome of one HTTP attempt. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** Worth trying again: no answer, a timeout, 408, 429 or a 5xx. Other 4xx will not get better. */
  retryable: boolean;
  /** The receiver's Retry-After, when it sent one. */
  retryAfterMs: number | null;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Exponential backoff: base, 2×base, 4×base… capped; never sooner than the receiver asked. */
export function retryDelayMs(attempt: number, cfg: { retryBaseMs: number; retryMaxMs: number }, retryAfterMs: number | null = null): number {
  const backoff = Math.min(cfg.retryMaxMs, cfg.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(backoff, Math.min(retryAfterMs ?? 0, cfg.retryMaxMs));
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
