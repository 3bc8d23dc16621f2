import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../errors/app-error";
import { parseWith } from "../http/zod-issues";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { runbookFor } from "../runbooks/registry";
import { slugSchema } from "../instances/slug";
import { enqueueInTransaction } from "./queue";
import { toJobView, type JobView } from "./job-view";

type Tx = Prisma.TransactionClient;

export interface CreateJobInput {
  kind: string;
  instanceSlug?: string;
  params?: unknown;
}

/**
 * Creates a job with its steps, enqueues it and records the audit event, all in one
 * transaction: a job is never queued without its row, nor stored without being queued.
 */
export async function createJob(actor: Actor, input: CreateJobInput): Promise<JobView> {
  return db.$transaction((tx) => createJobInTransaction(tx, actor, input));
}

export async function createJobInTransaction(tx: Tx, actor: Actor, input: CreateJobInput): Promise<JobView> {
  const runbook = runbookFor(input.kind);
  const params = parseWith(runbook.params, input.params ?? {}, "params") as Record<string, unknown>;
  let instance: { id: string; slug: string; displayName: string; status: string } | null = null;
  if (runbook.needsInstance || input.instanceSlug !== undefined) {
    if (!input.instanceSlug || !slugSchema.safeParse(input.instanceSlug).success) throw notFound("instance");
    instance = await tx.instance.findUnique({ where: { slug: input.instanceSlug }, select: { id: true, slug: true, displayName: true, status: true } });
    if (!instance) throw notFound(`instance "${input.instanceSlug}"`);
    if (instance.status === "deleted") throw new AppError("conflict", `instance "${instance.slug}" is deleted`);
  }
  const steps = runbook.steps(params as never);
  // Two inserts (the job, then all its steps at once): this is on the enqueue latency path.
  const created = await tx.job.create({
    data: { kind: runbook.kind, instanceId: instance?.id ?? null, params: params as Prisma.InputJsonValue, createdBy: actor.email },
  });
  const stepRows = steps.map((s, position) => ({ id: randomUUID(), jobId: created.id, position, key: s.key, name: s.name, kind: s.kind }));
  await tx.jobStep.createMany({ data: stepRows });
  const job = {
    ...created,
    instance: instance ? { slug: instance.slug, displayName: instance.displayName } : null,
    steps: stepRows.map((r) => ({ ...r, status: "pending" as const, detail: null, error: null, completedBy: null, startedAt: null, finishedAt: null })),
  };
  await enqueueInTransaction(tx, job);
  await recordAudit(tx, actor, {
    action: `job.create`,
    targetType: "job",
    targetId: job.id,
    instanceSlug: instance?.slug ?? null,
    params: { kind: runbook.kind, ...params },
  });
  return toJobView(job);
}
