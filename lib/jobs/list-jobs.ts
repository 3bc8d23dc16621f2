import { hideAddresses } from "../auth/hide-addresses";
import { z } from "zod";
import { db } from "../db/client";
import { csvParam, paginationParams } from "../http/list-params";
import type { Prisma } from "../generated/prisma/client";
import { JOB_STATUS_NAMES } from "../runbooks/kinds";
import { toJobView, type JobView } from "./job-view";


export const listJobsQuerySchema = z.object({
  instance: z.string().max(40).regex(/^[a-z0-9-]*$/, "instance must be a slug").optional(),
  kind: z.string().max(40).regex(/^[a-z-]*$/, "kind must be a job kind").optional(),
  status: csvParam(JOB_STATUS_NAMES, "status"),
  ...paginationParams,
});
export type ListJobsQuery = z.infer<typeof listJobsQuerySchema>;

/** Newest first; with steps so the list can show "step n of m". */
export async function listJobs(q: ListJobsQuery, opts: { includeIps: boolean }): Promise<{ items: JobView[]; total: number; page: number; pageSize: number }> {
  const where: Prisma.JobWhereInput = {
    ...(q.instance ? { instance: { slug: q.instance } } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status.length ? { status: { in: q.status } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.job.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: { steps: true, instance: { select: { slug: true, displayName: true } } },
    }),
    db.job.count({ where }),
  ]);
  const items = rows.map((r) => ({ ...toJobView(r), steps: undefined }));
  return { items: opts.includeIps ? items : hideAddresses(items), total, page: q.page, pageSize: q.pageSize };
}
