import { z } from "zod";
import { resolveWaitingStep } from "@/lib/jobs/control/resolve-waiting-step";
import { getJob } from "@/lib/jobs/get-job";
import { route } from "@/lib/http/route";

export const POST = route({ permission: "jobs:control", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await resolveWaitingStep(actor, params.id, { kind: "approval" });
  return Response.json({ job: await getJob(params.id) }, { status: 202 });
});
