import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { controlWave } from "@/lib/waves/control-wave";
import { getWave } from "@/lib/waves/get-wave";

export const POST = route({ permission: "instances:upgrade", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await getWave(params.id, { includeIps: can(actor.role, "ips:read") });
  await controlWave(actor, params.id, "pause");
  return Response.json({ wave: await getWave(params.id, { includeIps: can(actor.role, "ips:read") }) }, { status: 202 });
});
