import { hideAddresses } from "../auth/hide-addresses";
import { db } from "../db/client";
import { notFound } from "../errors/app-error";
import { jobIdSchema } from "./control/load-job-for-update";
import { toJobView, type JobView } from "./job-view";

/** A job with its steps; for a caller without `ips:read`, every address in it hidden. */
export async function getJob(jobId: string, opts: { includeIps: boolean }): Promise<JobView> {
  if (!jobIdSchema.safeParse(jobId).success) throw notFound("job");
  const job = await db.job.findUnique({
    where: { id: jobId },
    include: { steps: true, instance: { select: { slug: true, displayName: true } } },
  });
  if (!job) throw notFound("job");
  const view = toJobView(job);
  return opts.includeIps ? view : hideAddresses(view);
}
