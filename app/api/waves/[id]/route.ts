import { z } from "zod";
import { route } from "@/lib/http/route";
import { getWave } from "@/lib/waves/get-wave";

export const GET = route({ permission: "fleet:read", params: z.object({ id: z.string() }) }, async ({ params }) => ({ wave: await getWave(params.id) }));
