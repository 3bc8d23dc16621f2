import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { createUserBodySchema } from "@/lib/users/user-schemas";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "users:manage" }, () => listUsers());

export const POST = route({ permission: "users:manage", body: createUserBodySchema }, async ({ actor, body }) =>
  Response.json({ user: await createUser(actor, body) }, { status: 201 }),
);
