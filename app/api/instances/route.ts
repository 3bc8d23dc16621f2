import { can } from "@/lib/auth/permissions";
import { listInstances } from "@/lib/instances/list-instances";
import { listQuerySchema } from "@/lib/instances/list-query";
import { route } from "@/lib/http/route";
import { createInstance } from "@/lib/provisioning/create-instance";
import { createInstanceSchema } from "@/lib/provisioning/create-instance-schema";

export const GET = route({ permission: "fleet:read", query: listQuerySchema }, ({ actor, query }) =>
  listInstances(query, { includeIps: can(actor.role, "ips:read") }),
);

export const POST = route({ permission: "instances:create", body: createInstanceSchema }, async ({ actor, body }) =>
  Response.json(await createInstance(actor, body), { status: 202 }),
);
