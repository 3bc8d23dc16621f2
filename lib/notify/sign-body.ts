import { createHmac, timingSafeEqual } from "node:crypto";

/** Headers of a signed webhook delivery (documented in the README, "Notifications"). */
export const SIGNATURE_HEADER = "X-Managed-Instances-Signature";
export const TIMESTAMP_HEADER = "X-Managed-Instances-Timestamp";

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the channel's signing key>`. The
 * timestamp (Unix seconds, also sent in its own header) is signed with the body, so a
 * receiver can refuse old or replayed deliveries.
 */
export function signBody(key: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", key).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does: recompute and compare in constant time, and refuse stale timestamps. */
export function verifySignature(key: string, timestamp: string, body: string, signature: string, nowSeconds = Date.now() / 1000, toleranceSeconds = 300): boolean {
  const t = Number(timestamp);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(key, t, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
