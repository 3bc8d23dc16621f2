import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { hasAllowlist, isAllowedEmail, signInAllowlist } from "../auth/sign-in-settings";
import type { CreateUserInput } from "./user-schemas";
import { toUserView, type UserView } from "./user-view";

/**
 * Adds a person before their first sign-in, with the role they need. When sign-in is
 * limited to Google domains or emails, an address outside them could never sign in: refused.
 */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<UserView> {
  const allow = signInAllowlist();
  if (hasAllowlist(allow) && !isAllowedEmail(input.email, allow)) {
    const where = [...allow.domains.map((d) => `@${d}`), ...allow.emails].join(", ");
    throw new AppError("bad_request", `email must be an address that may sign in (${where})`, [{ field: "email", message: `only ${where} can sign in` }]);
  }
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email } })) throw duplicate(input.email);
      const user = await tx.user.create({ data: input });
      await recordAudit(tx, actor, { action: "user.create", targetType: "user", targetId: user.id, params: { ...input } });
      return toUserView(user);
    });
  } catch (error) {
    // Two admins adding the same person at once: the unique index decides.
    if ((error as { code?: string }).code === "P2002") throw duplicate(input.email);
    throw error;
  }
}

const duplicate = (email: string) => new AppError("conflict", `a user with email ${email} already exists`);
