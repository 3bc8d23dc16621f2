import { describe, expect, it } from "vitest";
import { requestOrigin } from "./request-origin";
import { PEER_ADDRESS_HEADER, parseTrustProxy } from "./trust-proxy";

const trust = (value?: string) => {
  const parsed = parseTrustProxy(value);
  expect(parsed.problem).toBeNull();
  return parsed.trust;
};
const headers = (peer: string | null, extra: Record<string, string> = {}) =>
  new Headers({ host: "mi.example.com", ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...extra });

describe("requestOrigin: forwarding headers believed only from trusted proxies", () => {
  const forged = { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example" };

  it("without TRUST_PROXY: the socket peer and Host, whatever X-Forwarded-* say", () => {
    expect(requestOrigin(headers("203.0.113.9", forged), trust(undefined))).toEqual({ ip: "203.0.113.9", host: "mi.example.com" });
  });

  it("without a known peer (a handler called directly): no address, and Host", () => {
    expect(requestOrigin(headers(null, forged), trust("10.0.0.0/8"))).toEqual({ ip: null, host: "mi.example.com" });
  });

  it("a hop count takes that many hops from the right of X-Forwarded-For + peer", () => {
    const h = headers("10.1.2.3", { "x-forwarded-for": "6.6.6.6, 198.51.100.7", "x-forwarded-host": "mi.example.com" });
    expect(requestOrigin(h, trust("1"))).toEqual({ ip: "198.51.100.7", host: "mi.example.com" });
    expect(requestOrigin(h, trust("2")).ip).toBe("6.6.6.6");
    // More hops than addresses: the leftmost, not undefined.
    expect(requestOrigin(h, trust("9")).ip).toBe("6.6.6.6");
  });

  it("CIDRs: the first address from the right that is not a trusted proxy", () => {
    const h = headers("10.1.2.3", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 35.191.4.4", "x-forwarded-host": "mi.example.com" });
    expect(requestOrigin(h, trust("10.0.0.0/8, 35.191.0.0/16"))).toEqual({ ip: "198.51.100.7", host: "mi.example.com" });
  });

  it("CIDRs: a peer that is not a trusted proxy is the client, and its X-Forwarded-Host is ignored", () => {
    expect(requestOrigin(headers("203.0.113.9", forged), trust("10.0.0.0/8"))).toEqual({ ip: "203.0.113.9", host: "mi.example.com" });
  });

  it("understands IPv6 peers and IPv4-mapped addresses", () => {
    expect(requestOrigin(headers("::ffff:10.0.0.5", { "x-forwarded-for": "2001:db8::1" }), trust("10.0.0.0/8")).ip).toBe("2001:db8::1");
    expect(requestOrigin(headers("fd00::2", { "x-forwarded-for": "198.51.100.7" }), trust("fd00::/8")).ip).toBe("198.51.100.7");
  });

  it("skips garbage in X-Forwarded-For", () => {
    expect(requestOrigin(headers("10.0.0.5", { "x-forwarded-for": "unknown, <script>" }), trust("10.0.0.0/8")).ip).toBe("10.0.0.5");
  });

  it("names a bad TRUST_PROXY entry and what to set", () => {
    const { problem } = parseTrustProxy("10.0.0.0/8, proxy.internal, 10.0.0.0/99");
    expect(problem).toContain("proxy.internal");
    expect(problem).toContain("10.0.0.0/99");
    expect(problem).toMatch(/hop count/);
  });
});
