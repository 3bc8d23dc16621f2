import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { getJob } from "@/lib/jobs/get-job";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "jobs:read", params: z.object({ id: z.string() }) }, async ({ actor, params }) => ({ job: await getJob(params.id, { includeIps: can(actor.role, "ips:read") }) }));
