import { z } from "zod";
import { nameSchema } from "../auth/name-schema";
import { ROLES } from "../auth/permissions";

export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });

export const emailSchema = z
  .string({ error: "email is required" })
  .trim()
  .toLowerCase()
  .max(254, "email must be at most 254 characters")
  .pipe(z.email({ error: "email must be an email address" }));

export const createUserBodySchema = z.object({ email: emailSchema, name: nameSchema("name", 100), role: roleSchema });
export type CreateUserInput = z.infer<typeof createUserBodySchema>;

export const changeRoleBodySchema = z.object({ role: roleSchema });

export const userIdParamsSchema = z.object({ id: z.uuid({ error: "id must be a user id (UUID)" }) });
