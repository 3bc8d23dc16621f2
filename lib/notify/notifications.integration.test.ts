import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../emulators/webhook-receiver/webhook-receiver";
import * as channelsRoute from "../../app/api/notification-channels/route";
import * as deliveriesRoute from "../../app/api/notification-deliveries/route";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { recordHealth } from "../health/record-health";
import type { CheckResult } from "../health/types";
import { createJob } from "../jobs/create-job";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeActor, makeInstance } from "../testing/factories";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker";
import { createChannel } from "./create-channel";
import { listChannels } from "./list-channels";
import { updateChannel } from "./update-channel";

/**
 * Notifications end to end against real Postgres, real worker processes and the test
 * receiver: events recorded by the job trigger and the health damping, fanned out through
 * the channels' filters, delivered signed, retried with backoff, failed for good on a
 * permanent error, and retried by another worker when the sending one dies.
 */
const secretsDir = mkdtempSync(path.join(tmpdir(), "notify-secrets-"));
process.env.SECRETS_DIR = secretsDir;
process.env.NOTIFY_ALLOW_INSECURE_URLS = "1";
const WORKER_ENV = { SECRETS_DIR: secretsDir, NOTIFY_ALLOW_INSECURE_URLS: "1", NOTIFY_RETRY_BASE_MS: "400", NOTIFY_TIMEOUT_MS: "60000" };

let receiver: WebhookReceiver;
let worker: SpawnedWorker;
let admin: Actor;

const delivery = (channelId: string, kind: string) =>
  db.notificationDelivery.findFirst({ where: { channelId, event: { kind } }, include: { event: true }, orderBy: { createdAt: "desc" } });
const settled = (channelId: string, kind: string, ms = 90_000) =>
  waitFor(async () => {
    const d = await delivery(channelId, kind);
    return d && (d.status === "delivered" || d.status === "failed") ? d : null;
  }, ms, `a settled ${kind} delivery`);

/** A worker process, once it takes queue entries (starting one takes seconds, more on a loaded machine). */
async function startWorker(): Promise<SpawnedWorker> {
  const w = spawnWorker(WORKER_ENV);
  await waitFor(async () => w.output.join("").includes("job slot"), 120_000, "the worker to start");
  return w;
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  admin = await makeActor("admin");
  worker = await startWorker();
}, 150_000);
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  await pool().end();
});

describe("notifications", () => {
  it("a failed job reaches a signed webhook; the body verifies with the key shown once", async () => {
    const { channel, signingSecret } = await createChannel(admin, { name: "Ops hook", kind: "webhook", url: receiver.hookUrl("jobs"), eventKinds: ["job.failed"], instances: [], enabled: true });
    expect(signingSecret).toMatch(/^whsec_/);
    receiver.setSigningKey(signingSecret!);

    const job = await createJob(admin, { kind: "selftest", params: { failAt: "print" } });
    const d = await settled(channel.id, "job.failed");
    expect(d.status).toBe("delivered");
    expect(d.attempts).toBe(1);
    const got = receiver.requests.find((r) => r.path === "/hooks/jobs")!;
    expect(got.signatureValid).toBe(true);
    expect(got.headers["x-managed-instances-event"]).toBe("job.failed");
    expect(got.headers["x-managed-instances-delivery"]).toBe(d.id);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ kind: "job.failed", deliveryId: d.id, data: { jobId: job.id, jobKind: "selftest" } });
    expect(body.text).toContain("asked to fail at print");
  });

  it("a receiver that fails twice gets the delivery on the third attempt, after a growing backoff", async () => {
    const { channel, signingSecret } = await createChannel(admin, { name: "Flaky hook", kind: "webhook", url: receiver.hookUrl("flaky"), eventKinds: ["job.awaiting_approval"], instances: [], enabled: true });
    receiver.setSigningKey(signingSecret!);
    receiver.failNext(2, 503);
    await createJob(admin, { kind: "selftest", params: { approval: true } });
    const d = await settled(channel.id, "job.awaiting_approval");
    expect([d.status, d.attempts]).toEqual(["delivered", 3]);
    const hits = receiver.requests.filter((r) => r.path === "/hooks/flaky");
    expect(hits.map((h) => h.status)).toEqual([503, 503, 204]);
    // 400 ms, then 800 ms (NOTIFY_RETRY_BASE_MS doubled)
    expect(hits[1].at - hits[0].at).toBeGreaterThanOrEqual(350);
    expect(hits[2].at - hits[1].at).toBeGreaterThanOrEqual(750);
    expect(hits[2].signatureValid).toBe(true);
    expect(JSON.parse(hits[2].body).text).toContain("waits for approval");
  });

  it("a Slack channel gets a down instance only after N consecutive checks, and only for the instances it names", async () => {
    const watched = await makeInstance();
    const other = await makeInstance();
    const { channel } = await createChannel(admin, { name: "Slack oncall", kind: "slack", url: receiver.slackUrl(), eventKinds: ["health.down", "health.recovered"], instances: [watched.slug], enabled: true });
    const down: CheckResult[] = [{ key: "vm", name: "VM status", outcome: "fail", ok: false, message: "VM prod is TERMINATED", latencyMs: 1, checkedAt: new Date().toISOString() }];
    const healthy: CheckResult[] = [{ ...down[0], outcome: "pass", ok: true, message: "RUNNING" }];
    await recordHealth(watched.id, healthy);
    await recordHealth(watched.id, healthy);
    await recordHealth(watched.id, down); // one bad check: a flap, nobody told
    await recordHealth(watched.id, healthy);
    await recordHealth(other.id, down);
    await recordHealth(other.id, down); // told, but not to this channel (another instance)
    expect(await db.notificationDelivery.count({ where: { channelId: channel.id } })).toBe(0);
    expect(await db.notificationEvent.count({ where: { kind: "health.down", instanceIds: { has: other.id } } })).toBe(1);

    await recordHealth(watched.id, down);
    await recordHealth(watched.id, down);
    const d = await settled(channel.id, "health.down");
    expect(d.status).toBe("delivered");
    const slack = receiver.requests.filter((r) => r.path.startsWith("/services/"));
    expect(slack.map((r) => r.status)).toEqual([200]);
    expect(JSON.parse(slack[0].body).text).toBe(`✖ ${watched.displayName} (${watched.slug}) is DOWN: VM status.`);

    await recordHealth(watched.id, healthy);
    await recordHealth(watched.id, healthy);
    expect((await settled(channel.id, "health.recovered")).status).toBe("delivered");
  });

  it("a permanent refusal (Slack's 410 channel_is_archived) fails at once, with the reason in the log", async () => {
    const inst = await makeInstance();
    const { channel } = await createChannel(admin, { name: "Archived", kind: "slack", url: receiver.slackUrl(), eventKinds: ["health.degraded"], instances: [inst.slug], enabled: true });
    receiver.archiveSlackChannel();
    const degraded: CheckResult[] = [{ key: "version", name: "Version", outcome: "fail", ok: false, message: "5.5.0", latencyMs: 1, checkedAt: new Date().toISOString() }];
    await recordHealth(inst.id, degraded);
    await recordHealth(inst.id, degraded);
    const d = await settled(channel.id, "health.degraded");
    expect([d.status, d.attempts, d.lastStatusCode]).toEqual(["failed", 1, 410]);
    expect(d.lastError).toContain("channel_is_archived");
  });

  it("a delivery whose worker dies mid-request is sent again by another worker", async () => {
    // The other job.failed channels are switched off, so the stalled request is this one's.
    await db.notificationChannel.updateMany({ where: { eventKinds: { has: "job.failed" } }, data: { enabled: false } });
    const { channel, signingSecret } = await createChannel(admin, { name: "Crash hook", kind: "webhook", url: receiver.hookUrl("crash"), eventKinds: ["job.failed"], instances: [], enabled: true });
    receiver.setSigningKey(signingSecret!);
    receiver.stallNext(1);
    await createJob(admin, { kind: "selftest", params: { failAt: "print" } });
    await receiver.waitFor((r) => r.path === "/hooks/crash" && r.status === 0, 90_000);
    expect((await delivery(channel.id, "job.failed"))?.status).toBe("sending");
    await worker.stop("SIGKILL");
    worker = await startWorker();
    const d = await settled(channel.id, "job.failed");
    expect([d.status, d.attempts]).toEqual(["delivered", 2]);
    const hits = receiver.requests.filter((r) => r.path === "/hooks/crash");
    expect(hits.map((h) => h.status)).toEqual([0, 204]);
    expect(hits[0].headers["x-managed-instances-delivery"]).toBe(hits[1].headers["x-managed-instances-delivery"]);
  });

  it("a wave that pauses is an event for the channels that watch its instances", async () => {
    const inst = await makeInstance();
    const wave = await db.wave.create({ data: { targetVersion: "5.10.0", batchSize: 1, createdBy: admin.email, instances: { create: [{ instanceId: inst.id, slug: inst.slug, position: 0, batch: 0, fromVersion: "5.9.0", state: "failed" }] } } });
    await db.wave.update({ where: { id: wave.id }, data: { status: "paused", pausedReason: `paused itself: the upgrade of ${inst.slug} failed` } });
    const ev = await db.notificationEvent.findFirstOrThrow({ where: { kind: "wave.paused" } });
    expect(ev.instanceIds).toEqual([inst.id]);
    expect(ev.payload).toMatchObject({ waveId: wave.id, targetVersion: "5.10.0", status: "paused", counts: { failed: 1 } });
  });

  it("secrets are references: the URL and key are in neither the row, the API, nor the audit trail", async () => {
    const url = receiver.hookUrl("secret-path-0123456789");
    const { channel } = await createChannel(admin, { name: "Secret hook", kind: "webhook", url, signingSecret: "given-signing-key-0123456789", eventKinds: [], instances: [], enabled: true });
    const row = await db.notificationChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(JSON.stringify(row)).not.toContain("secret-path");
    expect(row.secretRefs).toEqual({ url: `local://notify-${channel.id}-url`, signingKey: `local://notify-${channel.id}-signing-key` });
    for (const f of readdirSync(secretsDir).filter((n) => n.startsWith("notify-"))) expect(readFileSync(path.join(secretsDir, f), "utf8")).not.toContain("secret-path");
    const api = JSON.stringify(await listChannels());
    expect(api).not.toContain("secret-path");
    expect(api).not.toContain("given-signing-key");
    const audit = JSON.stringify(await db.auditEvent.findMany({ where: { targetId: channel.id }, select: { action: true, params: true } }));
    expect(audit).toContain("notification_channel.create");
    expect(audit).not.toContain("secret-path");
    expect(audit).not.toContain("given-signing-key");

    await updateChannel(admin, channel.id, { url: receiver.hookUrl("rotated-path"), signingSecret: "rotated-signing-key-0123456789" });
    const updated = JSON.stringify(await db.auditEvent.findFirst({ where: { targetId: channel.id, action: "notification_channel.update" }, select: { params: true } }));
    expect(updated).toContain('"urlChanged":true');
    expect(updated).not.toContain("rotated");
  });

  it("the API: only admins manage channels; a bad field is a 400 naming it and changes nothing", async () => {
    const operator = await tokenFor("operator");
    const adminToken = await tokenFor("admin");
    const body = { name: "API hook", kind: "webhook", url: receiver.hookUrl("api") };
    expect((await callRoute(channelsRoute.POST, { url: "/api/notification-channels", method: "POST", token: operator, body })).status).toBe(403);
    const before = await db.notificationChannel.count();
    const bad = await callRoute(channelsRoute.POST, { url: "/api/notification-channels", method: "POST", token: adminToken, body: { ...body, eventKinds: ["health.down", "nope"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toMatch(/^eventKinds/);
    const unknown = await callRoute(channelsRoute.POST, { url: "/api/notification-channels", method: "POST", token: adminToken, body: { ...body, instances: ["no-such-instance"] } });
    expect([unknown.status, unknown.body.error.fields[0].field]).toEqual([400, "instances"]);
    expect(await db.notificationChannel.count()).toBe(before);

    const created = await callRoute(channelsRoute.POST, { url: "/api/notification-channels", method: "POST", token: adminToken, body });
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toMatch(/^whsec_/);
    const listed = await callRoute(channelsRoute.GET, { url: "/api/notification-channels", token: adminToken });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.signingSecret);
    expect(JSON.stringify(listed.body)).not.toContain("/hooks/api");
    const log = await callRoute(deliveriesRoute.GET, { url: "/api/notification-deliveries?limit=5", token: adminToken });
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThan(0);
  });
});
