import { parseRetryAfter, isRetryableStatus, type AttemptResult } from "./retry-policy";
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./sign-body";

export interface OutgoingRequest {
  url: string;
  body: string;
  /** Given for the generic webhook: the body is signed with it. */
  signingKey?: string | null;
  eventKind: string;
  deliveryId: string;
}

/**
 * One POST of a notification. Redirects are not followed (a webhook URL that moved is a
 * setting to fix, and following would send the body somewhere not configured). The URL is
 * never part of an error message: it is a secret.
 */
export async function sendNotification(req: OutgoingRequest, timeoutMs: number, now = Date.now()): Promise<AttemptResult> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "managed-instances-notifications/1",
    "X-Managed-Instances-Event": req.eventKind,
    "X-Managed-Instances-Delivery": req.deliveryId,
  };
  if (req.signingKey) {
    const timestamp = Math.floor(now / 1000);
    headers[TIMESTAMP_HEADER] = String(timestamp);
    headers[SIGNATURE_HEADER] = signBody(req.signingKey, timestamp, req.body);
  }
  try {
    const res = await fetch(req.url, { method: "POST", headers, body: req.body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const text = (await res.text().catch(() => "")).slice(0, 200);
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null, retryable: false, retryAfterMs: null };
    return {
      ok: false,
      statusCode: res.status,
      error: `HTTP ${res.status}${text ? `: ${text.replace(/\s+/g, " ").trim()}` : ""}`,
      retryable: isRetryableStatus(res.status),
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
    };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const reason = err.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.name ?? "request failed");
    return { ok: false, statusCode: null, error: `could not reach the receiver (${reason})`, retryable: true, retryAfterMs: null };
  }
}
