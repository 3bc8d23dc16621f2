import { db } from "../db/client";
import { toUserView, type UserView } from "./user-view";

/** Every user of the control plane (a team, not a customer base), with their active token count. */
export async function listUsers(): Promise<{ items: UserView[] }> {
  const rows = await db.user.findMany({
    orderBy: { email: "asc" },
    take: 1000,
    include: { _count: { select: { tokens: { where: { revokedAt: null } } } } },
  });
  return { items: rows.map((u) => toUserView(u, u._count.tokens)) };
}
