import type { Prisma } from "../../generated/prisma/client";
import { notFound } from "../../errors/app-error";
import { z } from "zod";

export const jobIdSchema = z.string().uuid("job id must be a UUID");

/** Locks a job row for the rest of the transaction, so two controls cannot interleave. */
export async function loadJobForUpdate(tx: Prisma.TransactionClient, jobId: string) {
  if (!jobIdSchema.safeParse(jobId).success) throw notFound("job");
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM job WHERE id = ${jobId}::uuid FOR UPDATE`;
  if (!rows.length) throw notFound("job");
  return tx.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { position: "asc" } }, instance: { select: { slug: true, displayName: true } } } });
}
