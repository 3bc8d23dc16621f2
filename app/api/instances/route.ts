import { can } from "@/lib/auth/permissions";
import { listInstances } from "@/lib/instances/list-instances";
import { listQuerySchema } from "@/lib/instances/list-query";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "fleet:read", query: listQuerySchema }, ({ actor, query }) =>
  listInstances(query, { includeIps: can(actor.role, "ips:read") }),
);
