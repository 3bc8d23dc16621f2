import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, newNonce } from "./content-security-policy";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

describe("Content-Security-Policy", () => {
  it("lets pages run only scripts carrying this response's nonce: no 'unsafe-inline' for scripts", () => {
    const nonce = newNonce();
    const scripts = directive(contentSecurityPolicy(nonce), "script-src");
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(directive(contentSecurityPolicy(nonce), "frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("makes a fresh, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("sets no page-wide static CSP in next.config.js (it would override the nonce), and the API's fixed one", async () => {
    const nextConfig = ((await import("../../" + "next.config.js")) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    const cspOf = (source: string) =>
      rules.find((r) => r.source === source)?.headers.find((h) => h.key.toLowerCase() === "content-security-policy")?.value;
    expect(cspOf("/:path*")).toBeUndefined();
    expect(cspOf("/api/:path*")).toBe(API_CONTENT_SECURITY_POLICY);
  });
});
