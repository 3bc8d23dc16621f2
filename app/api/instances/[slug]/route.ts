import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { getInstance } from "@/lib/instances/get-instance";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "fleet:read", params: z.object({ slug: z.string() }) }, async ({ actor, params }) => ({
  instance: await getInstance(params.slug, { includeIps: can(actor.role, "ips:read") }),
}));
