import { can } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";
import { createWave } from "@/lib/waves/create-wave";
import { getWave, listWaves } from "@/lib/waves/get-wave";
import { createWaveBodySchema } from "@/lib/waves/wave-schema";

export const GET = route({ permission: "fleet:read" }, async ({ actor }) => ({ waves: await listWaves({ includeIps: can(actor.role, "ips:read") }) }));

export const POST = route({ permission: "instances:upgrade", body: createWaveBodySchema }, async ({ actor, body }) => {
  const created = await createWave(actor, body);
  return Response.json({ wave: await getWave(created.id, { includeIps: can(actor.role, "ips:read") }) }, { status: 201 });
});
