import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { retryJob } from "@/lib/jobs/control/retry-job";
import { getJob } from "@/lib/jobs/get-job";
import { route } from "@/lib/http/route";

export const POST = route({ permission: "jobs:control", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await retryJob(actor, params.id);
  return Response.json({ job: await getJob(params.id, { includeIps: can(actor.role, "ips:read") }) }, { status: 202 });
});
