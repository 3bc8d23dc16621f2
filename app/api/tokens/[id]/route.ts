import { z } from "zod";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const DELETE = route({ permission: "tokens:own", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await revokeApiToken(actor, params.id);
  return new Response(null, { status: 204 });
});
