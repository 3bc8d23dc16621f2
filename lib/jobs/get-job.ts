import { db } from "../db/client";
import { notFound } from "../errors/app-error";
import { jobIdSchema } from "./control/load-job-for-update";
import { toJobView, type JobView } from "./job-view";

export async function getJob(jobId: string): Promise<JobView> {
  if (!jobIdSchema.safeParse(jobId).success) throw notFound("job");
  const job = await db.job.findUnique({
    where: { id: jobId },
    include: { steps: true, instance: { select: { slug: true, displayName: true } } },
  });
  if (!job) throw notFound("job");
  return toJobView(job);
}
