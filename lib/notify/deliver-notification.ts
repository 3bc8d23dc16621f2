import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { secretStoreFromEnv, type SecretStore } from "../secrets";
import { slackBody, webhookBody, type StoredEvent } from "./event-message";
import { notifyConfig, type NotifyConfig } from "./notify-config";
import { retryDelayMs, type AttemptResult } from "./retry-policy";
import { sendNotification } from "./send-notification";

/** The graphile-worker task that sends one delivery (queued by notification_record_event). */
export const DELIVER_TASK = "notify_deliver";

export interface DeliveryWorker {
  /** This process's worker_heartbeat id: a delivery left "sending" by a lost worker is retried. */
  workerId: string;
  queueWorkerId: string;
}

export interface DeliverDeps {
  config?: NotifyConfig;
  secrets?: SecretStore;
}

export type DeliveryOutcome = "delivered" | "retrying" | "failed" | "skipped";

interface Claimed {
  attempts: number;
  channel_kind: "slack" | "webhook";
  channel_enabled: boolean;
  secret_refs: { url?: string; signingKey?: string };
  event_id: string;
  event_kind: string;
  event_at: Date;
  payload: Record<string, unknown>;
}

/**
 * Sends one delivery, once: claims it (only a pending one; a repeated queue entry finds
 * nothing to do), POSTs it, and records the outcome. A failure worth retrying goes back on
 * the queue after an exponential backoff until NOTIFY_MAX_ATTEMPTS; anything else is failed
 * with the reason, shown in the delivery log.
 */
export async function deliverNotification(deliveryId: string, who: DeliveryWorker, deps: DeliverDeps = {}): Promise<DeliveryOutcome> {
  const cfg = deps.config ?? notifyConfig();
  const [row] = await db.$queryRaw<Claimed[]>`
    WITH claimed AS (
      UPDATE notification_delivery SET status = 'sending', attempts = attempts + 1, worker_id = ${who.workerId},
        queue_worker_id = ${who.queueWorkerId}, next_attempt_at = NULL
      WHERE id = ${deliveryId}::uuid AND status = 'pending'
      RETURNING attempts, channel_id, event_id
    )
    SELECT claimed.attempts, c.kind::text AS channel_kind, c.enabled AS channel_enabled, c.secret_refs, e.id::text AS event_id,
      e.kind AS event_kind, e.at AS event_at, e.payload
    FROM claimed JOIN notification_channel c ON c.id = claimed.channel_id JOIN notification_event e ON e.id = claimed.event_id`;
  if (!row) return "skipped";
  if (!row.channel_enabled) return settle(deliveryId, { ok: false, statusCode: null, error: "the channel was disabled before this was sent", retryable: false, retryAfterMs: null }, row.attempts, cfg);
  const event: StoredEvent = { id: row.event_id, kind: row.event_kind, at: row.event_at, payload: row.payload };
  let result: AttemptResult;
  try {
    const secrets = deps.secrets ?? secretStoreFromEnv();
    const url = await secrets.get(row.secret_refs.url ?? "");
    const signingKey = row.channel_kind === "webhook" ? await secrets.get(row.secret_refs.signingKey ?? "") : null;
    const body = row.channel_kind === "slack" ? slackBody(event, cfg.appUrl) : webhookBody(event, deliveryId, cfg.appUrl);
    result = await sendNotification({ url, body, signingKey, eventKind: event.kind, deliveryId }, cfg.timeoutMs);
  } catch (e) {
    // The secret store could not be read: the value is never in the message, only the code.
    const code = (e as { code?: string }).code;
    result = { ok: false, statusCode: null, error: `could not read the channel's secrets${code ? ` (${code})` : ""}`, retryable: code !== "not-found" && code !== "invalid-ref", retryAfterMs: null };
  }
  return settle(deliveryId, result, row.attempts, cfg);
}

async function settle(deliveryId: string, r: AttemptResult, attempts: number, cfg: NotifyConfig): Promise<DeliveryOutcome> {
  if (r.ok) {
    await db.$executeRaw`UPDATE notification_delivery SET status = 'delivered', delivered_at = now(), last_status_code = ${r.statusCode},
      last_error = NULL, worker_id = NULL, queue_worker_id = NULL WHERE id = ${deliveryId}::uuid`;
    return "delivered";
  }
  if (r.retryable && attempts < cfg.maxAttempts) {
    const runAt = new Date(Date.now() + retryDelayMs(attempts, cfg, r.retryAfterMs));
    // Back to pending and on the queue in one transaction: a crash between the two cannot lose it.
    await db.$transaction([
      db.$executeRaw`UPDATE notification_delivery SET status = 'pending', next_attempt_at = ${runAt}, last_status_code = ${r.statusCode},
        last_error = ${r.error}, worker_id = NULL, queue_worker_id = NULL WHERE id = ${deliveryId}::uuid`,
      db.$executeRaw`SELECT ${enqueueDelivery(deliveryId, runAt)}`,
    ]);
    return "retrying";
  }
  const why = r.retryable ? `${r.error} (gave up after ${attempts} attempts)` : r.error;
  await db.$executeRaw`UPDATE notification_delivery SET status = 'failed', last_status_code = ${r.statusCode}, last_error = ${why},
    worker_id = NULL, queue_worker_id = NULL WHERE id = ${deliveryId}::uuid`;
  return "failed";
}


/** The queue entry of a delivery (job_key = delivery id, so a repeat replaces rather than duplicates). */
export function enqueueDelivery(deliveryId: string, runAt: Date | null = null): Prisma.Sql {
  return Prisma.sql`graphile_worker.add_job(${DELIVER_TASK}::text, json_build_object('deliveryId', ${deliveryId}::text),
    run_at := ${runAt}::timestamptz, max_attempts := 10, job_key := ${deliveryId}::text)`;
}
