import type { Prisma } from "../generated/prisma/client";
import type { EventKind } from "./event-kinds";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Records an event in the caller's transaction and fans it out to every channel whose
 * filters match, each delivery put on the queue (SQL function notification_record_event,
 * the same one the job and wave triggers call). Returns the event id.
 */
export async function recordNotificationEvent(tx: Tx, kind: EventKind, instanceIds: string[], payload: Record<string, unknown>): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT notification_record_event(${kind}::text, ${instanceIds}::uuid[], ${JSON.stringify(payload)}::jsonb)::text AS id`;
  return row.id;
}
