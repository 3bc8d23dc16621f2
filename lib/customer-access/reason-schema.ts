import { z } from "zod";

/** Why someone needs a customer's credentials: kept in the audit trail, so it must say something. */
export const reasonSchema = z
  .string({ error: "reason is required: say why (e.g. the support ticket)" })
  .trim()
  .min(10, "reason must be at least 10 characters: say why (e.g. the support ticket)")
  .max(500, "reason is at most 500 characters");

export const revealAdminPasswordSchema = z.object({ reason: reasonSchema }).strict();

/** Sourcegraph usernames: letters, digits, '-', '_' and '.', up to 255 characters. */
export const passwordResetLinkSchema = z
  .object({
    username: z
      .string({ error: "username is required" })
      .trim()
      .min(1, "username is required")
      .max(255, "username is at most 255 characters")
      .regex(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/, "username must be a Sourcegraph username (letters, digits, '.', '-', '_')"),
    reason: reasonSchema,
  })
  .strict();
