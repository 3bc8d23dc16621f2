import { z } from "zod";
import { getHealthHistory } from "@/lib/health/health-history";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "fleet:read", params: z.object({ slug: z.string() }) }, ({ params }) => getHealthHistory(params.slug));
