import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeWorkerUtils, run } from "graphile-worker";
import { startWebhookReceiver } from "../../emulators/webhook-receiver/webhook-receiver";
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db/client";
import { recordHealth } from "../../lib/health/record-health";
import type { CheckResult } from "../../lib/health/types";
import { quietLogger } from "../../lib/jobs/queue";
import { createChannel } from "../../lib/notify/create-channel";
import { notificationTasks } from "../../lib/notify/notification-tasks";
import { recordNotificationEvent } from "../../lib/notify/record-notification-event";
import { trackHealthNotice } from "../../lib/notify/track-health-notice";
import { printRow, sideBySide, stats } from "./measure";

/**
 * What notifications cost: (1) the flap-damping call each recorded health check makes, next
 * to the whole recordHealth it is part of; (2) event recorded → signed webhook received by a
 * local receiver, through the queue and one in-process worker, next to graphile-worker's own
 * add_job → task start in the same run.
 */
export async function benchNotify(databaseUrl: string, actor: Actor, instanceIds: string[], iterations: number) {
  process.env.SECRETS_DIR ??= mkdtempSync(path.join(tmpdir(), "bench-secrets-"));
  process.env.NOTIFY_ALLOW_INSECURE_URLS = "1";
  const healthy: CheckResult[] = [{ key: "vm", name: "VM status", outcome: "pass", ok: true, message: "RUNNING", latencyMs: 1, checkedAt: new Date().toISOString() }];
  let i = 0;
  const next = () => instanceIds[i++ % instanceIds.length];
  const r = await sideBySide(
    {
      "recordHealth (whole check write, with damping)": () => recordHealth(next(), healthy),
      "  of which the damping call (trackHealthNotice)": () => db.$transaction((tx) => trackHealthNotice(tx, next(), "healthy", [], new Date())),
    },
    iterations,
  );
  for (const [label, s] of Object.entries(r)) printRow(label, s);

  const receiver = await startWebhookReceiver();
  const { signingSecret } = await createChannel(actor, { name: "Bench hook", kind: "webhook", url: receiver.hookUrl("bench"), eventKinds: ["job.failed"], instances: [], enabled: true });
  receiver.setSigningKey(signingSecret!);
  const noopDone = new Map<number, () => void>();
  const runner = await run({
    connectionString: databaseUrl,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: quietLogger(),
    taskList: { bench_noop: async (p) => noopDone.get((p as { n: number }).n)?.(), ...notificationTasks("bench") },
  });
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: quietLogger() });
  const deliveries: number[] = [];
  const queue: number[] = [];
  const n = Math.min(iterations, 100);
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    await db.$transaction((tx) => recordNotificationEvent(tx, "job.failed", [], { jobId: `bench-${k}`, jobKind: "selftest", error: "bench" }));
    await receiver.waitFor((q) => q.body.includes(`"bench-${k}"`), 10_000);
    deliveries.push(performance.now() - t);
    const t2 = performance.now();
    await new Promise<void>((resolve) => {
      noopDone.set(k, resolve);
      void utils.addJob("bench_noop", { n: k });
    });
    queue.push(performance.now() - t2);
  }
  const verified = receiver.requests.filter((q) => q.signatureValid).length;
  printRow("event → signed webhook received", stats(deliveries), stats(queue));
  printRow("graphile-worker add_job → task start", stats(queue));
  console.log(`  ${verified}/${receiver.requests.length} deliveries verified by the receiver`);
  await utils.release();
  await runner.stop();
  await receiver.close();
}
