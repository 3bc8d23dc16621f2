import { hideAddresses } from "../auth/hide-addresses";
import { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { toJobView, type JobView } from "./job-view";

const JOB_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"] as const;

export const listJobsQuerySchema = z.object({
  instance: z.string().max(40).regex(/^[a-z0-9-]*$/, "instance must be a slug").optional(),
  kind: z.string().max(40).regex(/^[a-z-]*$/, "kind must be a job kind").optional(),
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(z.enum(JOB_STATUSES, { error: `status must be one of ${JOB_STATUSES.join(", ")}` }))),
  page: z.coerce.number().int().min(1, "page must be ≥ 1").max(100_000).optional().default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "pageSize must be ≤ 200").optional().default(50),
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
