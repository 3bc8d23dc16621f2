import { db } from "../db/client";
import { eventText } from "./event-message";
import { notifyConfig } from "./notify-config";

export interface DeliveryView {
  id: string;
  createdAt: string;
  channelId: string;
  channelName: string;
  eventKind: string;
  text: string;
  status: "pending" | "sending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** The delivery log, newest first (the settings page; `GET /api/notification-deliveries`). */
export async function listDeliveries(opts: { channel?: string; limit: number }): Promise<{ items: DeliveryView[] }> {
  const rows = await db.notificationDelivery.findMany({
    where: opts.channel ? { channelId: opts.channel } : {},
    orderBy: { createdAt: "desc" },
    take: opts.limit,
    include: { channel: { select: { name: true } }, event: true },
  });
  const appUrl = notifyConfig().appUrl;
  return {
    items: rows.map((d) => ({
      id: d.id,
      createdAt: d.createdAt.toISOString(),
      channelId: d.channelId,
      channelName: d.channel.name,
      eventKind: d.event.kind,
      text: eventText({ id: d.event.id, kind: d.event.kind, at: d.event.at, payload: d.event.payload as Record<string, unknown> }, appUrl),
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}
