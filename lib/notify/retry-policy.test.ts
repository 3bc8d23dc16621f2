import { describe, expect, it } from "vitest";
import { isRetryableStatus, parseRetryAfter, retryDelayMs } from "./retry-policy";

describe("delivery retry policy", () => {
  const cfg = { retryBaseMs: 1000, retryMaxMs: 10_000 };
  it("doubles the delay per attempt up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, cfg))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it("waits at least what the receiver's Retry-After asks (within the cap)", () => {
    expect(retryDelayMs(1, cfg, 5000)).toBe(5000);
    expect(retryDelayMs(1, cfg, 60_000)).toBe(10_000);
  });
  it("retries no answer, 408, 429 and 5xx; not other 4xx", () => {
    expect([408, 429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 410].map(isRetryableStatus)).toEqual([false, false, false, false, false]);
  });
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("30")).toBe(30_000);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(60_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
