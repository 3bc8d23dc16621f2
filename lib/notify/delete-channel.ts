import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/app-error";

/** Removes a channel and its delivery log; queued deliveries to it find nothing to send. */
export async function deleteChannel(actor: Actor, id: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const row = await tx.notificationChannel.findUnique({ where: { id }, select: { name: true, kind: true } });
    if (!row) throw notFound("notification channel");
    await tx.notificationChannel.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "notification_channel.delete", targetType: "notification_channel", targetId: id, params: { name: row.name, kind: row.kind } });
    return { id };
  });
}
