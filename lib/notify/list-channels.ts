import { db } from "../db/client";
import { toChannelView, type ChannelView } from "./channel-view";
import { slugsOf } from "./resolve-instances";

export async function listChannels(): Promise<{ items: ChannelView[] }> {
  const rows = await db.notificationChannel.findMany({ orderBy: { createdAt: "asc" } });
  const slugs = await slugsOf(db, rows.flatMap((r) => r.instanceIds));
  return { items: rows.map((r) => toChannelView(r, slugs)) };
}
