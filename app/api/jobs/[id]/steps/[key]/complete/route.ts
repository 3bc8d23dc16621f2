import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { resolveWaitingStep } from "@/lib/jobs/control/resolve-waiting-step";
import { getJob } from "@/lib/jobs/get-job";
import { route } from "@/lib/http/route";

const params = z.object({ id: z.string(), key: z.string().max(80).regex(/^[a-z0-9-]+$/, "key must be a step key") });

export const POST = route({ permission: "jobs:control", params }, async ({ actor, params }) => {
  await resolveWaitingStep(actor, params.id, { kind: "human", stepKey: params.key });
  return Response.json({ job: await getJob(params.id, { includeIps: can(actor.role, "ips:read") }) }, { status: 202 });
});
