import { describe, expect, it } from "vitest";
import { checkChannelUrl, urlHint } from "./channel-url";

describe("channel URLs", () => {
  it("production: https only, a Slack channel must be a Slack incoming webhook", () => {
    expect(checkChannelUrl("slack", "https://hooks.slack.com/services/T1/B2/x", false).host).toBe("hooks.slack.com");
    expect(() => checkChannelUrl("slack", "https://evil.example/services/T1/B2/x", false)).toThrow(/hooks.slack.com/);
    expect(() => checkChannelUrl("webhook", "http://receiver.example/hook", false)).toThrow(/https/);
    expect(checkChannelUrl("webhook", "https://receiver.example/hook?x=1", false).pathname).toBe("/hook");
  });
  it("refuses what is not a URL, other schemes and credentials in the URL", () => {
    expect(() => checkChannelUrl("webhook", "acme; rm -rf /", true)).toThrow(/absolute URL/);
    expect(() => checkChannelUrl("webhook", "file:///etc/passwd", true)).toThrow(/https/);
    expect(() => checkChannelUrl("webhook", "https://u:p@receiver.example/", true)).toThrow(/password/);
  });
  it("with insecure URLs allowed (demo, tests), http to any host passes", () => {
    expect(checkChannelUrl("slack", "http://127.0.0.1:9/services/T/B/X", true).port).toBe("9");
  });
  it("shows only scheme and host once saved", () => {
    expect(urlHint(new URL("https://hooks.slack.com/services/T1/B2/secret"))).toBe("https://hooks.slack.com/…");
  });
});
