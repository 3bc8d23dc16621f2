import { z } from "zod";
import { db } from "../db/client";
import { AppError, notFound } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import type { Role } from "../auth/permissions";
import { toUserView, type UserView } from "./user-view";

/**
 * Gives a user another role, audited with from/to. The last admin cannot be demoted (409),
 * or nobody could manage users any more. The admin rows are locked first, so two admins
 * demoting each other at the same moment cannot both succeed.
 */
export async function changeUserRole(actor: Actor, userId: string, role: Role): Promise<UserView> {
  if (!z.uuid().safeParse(userId).success) throw notFound("user");
  return db.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM app_user WHERE role = 'admin' FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("user");
    if (user.role === role) return toUserView(user);
    if (user.role === "admin" && admins.length <= 1) {
      throw new AppError(
        "conflict",
        user.id === actor.userId ? "you are the last admin: make someone else admin before changing your own role" : "this user is the last admin",
      );
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, actor, { action: "user.role-change", targetType: "user", targetId: user.id, params: { email: user.email, from: user.role, to: role } });
    return toUserView(updated);
  });
}
