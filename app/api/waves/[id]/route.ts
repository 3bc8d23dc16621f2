import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { getWave } from "@/lib/waves/get-wave";

export const GET = route({ permission: "fleet:read", params: z.object({ id: z.string() }) }, async ({ actor, params }) => ({ wave: await getWave(params.id, { includeIps: can(actor.role, "ips:read") }) }));
