import { changeUserRole } from "@/lib/users/change-user-role";
import { changeRoleBodySchema, userIdParamsSchema } from "@/lib/users/user-schemas";
import { route } from "@/lib/http/route";

export const PATCH = route({ permission: "users:manage", params: userIdParamsSchema, body: changeRoleBodySchema }, async ({ actor, params, body }) => ({
  user: await changeUserRole(actor, params.id, body.role),
}));
