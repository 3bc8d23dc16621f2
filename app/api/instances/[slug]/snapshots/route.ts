import { z } from "zod";
import { route } from "@/lib/http/route";
import { listInstanceSnapshots } from "@/lib/lifecycle/list-instance-snapshots";

export const GET = route({ permission: "logs:read", params: z.object({ slug: z.string() }) }, async ({ params }) => listInstanceSnapshots(params.slug));
