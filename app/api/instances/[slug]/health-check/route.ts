import { z } from "zod";
import { checkInstanceNow } from "@/lib/health/check-instance-now";
import { route } from "@/lib/http/route";

export const POST = route({ permission: "jobs:run", params: z.object({ slug: z.string() }) }, ({ actor, params }) =>
  checkInstanceNow(actor, params.slug),
);
