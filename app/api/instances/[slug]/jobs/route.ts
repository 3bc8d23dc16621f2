import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { listJobs, listJobsQuerySchema } from "@/lib/jobs/list-jobs";
import { startInstanceJob, startInstanceJobBodySchema } from "@/lib/jobs/start-instance-job";
import { route } from "@/lib/http/route";
import { findInstanceRow } from "@/lib/instances/get-instance";

const params = z.object({ slug: z.string() });

export const GET = route({ permission: "jobs:read", params, query: listJobsQuerySchema.omit({ instance: true }) }, async ({ actor, params, query }) => {
  const instance = await findInstanceRow(params.slug);
  return listJobs({ ...query, instance: instance.slug }, { includeIps: can(actor.role, "ips:read") });
});

export const POST = route({ permission: "jobs:run", params, body: startInstanceJobBodySchema }, async ({ actor, params, body }) =>
  Response.json({ job: await startInstanceJob(actor, params.slug, body) }, { status: 202 }),
);
