import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { resolveWaitingStep } from "@/lib/jobs/control/resolve-waiting-step";
import { getJob } from "@/lib/jobs/get-job";
import { route } from "@/lib/http/route";

/** `step` (optional): the approval the caller saw; if the job has moved on, a 409 instead of approving another one. */
const body = z.object({ step: z.string().min(1).max(100).optional() }).strict();

export const POST = route({ permission: "jobs:control", params: z.object({ id: z.string() }), body }, async ({ actor, params, body }) => {
  await resolveWaitingStep(actor, params.id, { kind: "approval", stepKey: body.step });
  return Response.json({ job: await getJob(params.id, { includeIps: can(actor.role, "ips:read") }) }, { status: 202 });
});
