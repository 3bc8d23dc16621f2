import { describe, expect, it } from "vitest";
import { sourcegraphBaseUrl } from "./base-url";

const acme = { slug: "acme", externalUrl: "https://acme.sourcegraph.com/" };

describe("sourcegraphBaseUrl", () => {
  it("uses the instance's external URL in production", () => {
    expect(sourcegraphBaseUrl(acme, {})).toBe("https://acme.sourcegraph.com");
  });

  it("uses the emulator template when set", () => {
    const env = { SOURCEGRAPH_BASE_URL_TEMPLATE: "http://127.0.0.1:4020/i/{slug}" };
    expect(sourcegraphBaseUrl(acme, env)).toBe("http://127.0.0.1:4020/i/acme");
  });

  it("refuses slugs that could change the URL and templates without {slug}", () => {
    const env = { SOURCEGRAPH_BASE_URL_TEMPLATE: "http://127.0.0.1:4020/i/{slug}" };
    expect(() => sourcegraphBaseUrl({ slug: "../admin", externalUrl: "" }, env)).toThrow(/invalid instance slug/);
    expect(() => sourcegraphBaseUrl({ slug: "a?b", externalUrl: "" }, env)).toThrow(/invalid instance slug/);
    expect(() => sourcegraphBaseUrl(acme, { SOURCEGRAPH_BASE_URL_TEMPLATE: "http://x" })).toThrow(/\{slug\}/);
  });

  it("refuses URLs that are not plain http(s) base URLs", () => {
    expect(() => sourcegraphBaseUrl({ slug: "a", externalUrl: "file:///etc/passwd" }, {})).toThrow(/invalid/);
    expect(() => sourcegraphBaseUrl({ slug: "a", externalUrl: "https://u:p@x.com" }, {})).toThrow(/plain base URL/);
    expect(() => sourcegraphBaseUrl({ slug: "a", externalUrl: "not a url" }, {})).toThrow(/invalid/);
  });
});
