import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/** The receiver's Slack face answers as Slack's incoming webhooks do; its webhook face verifies as the README says. */
let r: WebhookReceiver;
afterEach(async () => r?.close());

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } }).then(async (res) => ({ status: res.status, text: await res.text() }));

describe("Slack incoming webhook (emulated)", () => {
  it("answers 200 ok to JSON with text", async () => {
    r = await startWebhookReceiver();
    expect(await post(r.slackUrl(), JSON.stringify({ text: "hello" }))).toEqual({ status: 200, text: "ok" });
  });
  it("answers 400 invalid_payload to a body that is not JSON, and 400 no_text without text or blocks", async () => {
    r = await startWebhookReceiver();
    expect(await post(r.slackUrl(), "{not json")).toEqual({ status: 400, text: "invalid_payload" });
    expect(await post(r.slackUrl(), JSON.stringify({ attachments: [] }))).toEqual({ status: 400, text: "no_text" });
  });
  it("answers 404 no_service for a webhook that does not exist, 410 channel_is_archived once archived", async () => {
    r = await startWebhookReceiver();
    expect(await post(`${r.baseUrl}/services/T1/B1/nope`, JSON.stringify({ text: "x" }))).toEqual({ status: 404, text: "no_service" });
    r.archiveSlackChannel();
    expect(await post(r.slackUrl(), JSON.stringify({ text: "x" }))).toEqual({ status: 410, text: "channel_is_archived" });
  });
  it("fails the next requests as told, with the headers given (429 Retry-After)", async () => {
    r = await startWebhookReceiver();
    r.failNext(1, 429, { "Retry-After": "1" });
    const res = await fetch(r.slackUrl(), { method: "POST", body: JSON.stringify({ text: "x" }) });
    expect([res.status, res.headers.get("retry-after")]).toEqual([429, "1"]);
    expect((await post(r.slackUrl(), JSON.stringify({ text: "x" }))).status).toBe(200);
  });
});

describe("generic webhook endpoint", () => {
  const sign = (key: string, t: number, body: string) => `sha256=${createHmac("sha256", key).update(`${t}.${body}`).digest("hex")}`;
  it("accepts a body signed with its key and refuses a wrong signature or a stale timestamp with 401", async () => {
    r = await startWebhookReceiver({ signingKey: "k".repeat(32) });
    const body = JSON.stringify({ kind: "health.down" });
    const now = Math.floor(Date.now() / 1000);
    const h = (t: number, s: string) => ({ "X-Managed-Instances-Timestamp": String(t), "X-Managed-Instances-Signature": s });
    expect((await post(r.hookUrl(), body, h(now, sign("k".repeat(32), now, body)))).status).toBe(204);
    expect((await post(r.hookUrl(), body, h(now, sign("other-key-000000", now, body)))).status).toBe(401);
    expect((await post(r.hookUrl(), body + " ", h(now, sign("k".repeat(32), now, body)))).status).toBe(401);
    expect((await post(r.hookUrl(), body, h(now - 3600, sign("k".repeat(32), now - 3600, body)))).status).toBe(401);
    expect(r.requests.map((q) => q.signatureValid)).toEqual([true, false, false, false]);
  });
});

describe("a receiver that hangs", () => {
  it("answers nothing to the stalled requests, and normally afterwards", async () => {
    r = await startWebhookReceiver();
    r.stallNext(1);
    const hung = await fetch(r.hookUrl(), { method: "POST", body: "{}", signal: AbortSignal.timeout(300) }).then(() => "answered", (e: Error) => e.name);
    expect(hung).toBe("TimeoutError");
    expect((await post(r.hookUrl(), "{}")).status).toBe(204);
    expect(r.requests.map((q) => q.status)).toEqual([0, 204]);
  });
});
