import { z } from "zod";
import { listJobs, listJobsQuerySchema } from "@/lib/jobs/list-jobs";
import { startInstanceJob, startInstanceJobBodySchema } from "@/lib/jobs/start-instance-job";
import { route } from "@/lib/http/route";

const params = z.object({ slug: z.string() });

export const GET = route({ permission: "jobs:read", params, query: listJobsQuerySchema.omit({ instance: true }) }, ({ params, query }) =>
  listJobs({ ...query, instance: params.slug }),
);

export const POST = route({ permission: "jobs:run", params, body: startInstanceJobBodySchema }, async ({ actor, params, body }) =>
  Response.json({ job: await startInstanceJob(actor, params.slug, body) }, { status: 202 }),
);
