import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../errors/app-error";
import { parseWith } from "../http/zod-issues";
import type { Actor } from "../auth/actor";
import { auditInsertSql } from "../audit/record-audit";
import { runbookMetadata } from "../runbooks/metadata";
import { slugSchema } from "../instances/slug";
import { addJobCall } from "./queue";
import { toJobView, type JobView } from "./job-view";

type Tx = Prisma.TransactionClient;

export interface CreateJobInput {
  kind: string;
  instanceSlug?: string;
  params?: unknown;
}

/**
 * Creates a job with its steps, enqueues it and records the audit event in one SQL
 * statement, which is atomic on its own: a job is never queued without its row, nor stored
 * without being queued. No interactive transaction, as this is on the enqueue latency path
 * (README "Database access": raw SQL only where one statement must do the work). The audit
 * row comes from the audit module, the answer from the job view mapper.
 */
export async function createJob(actor: Actor, input: CreateJobInput): Promise<JobView> {
  return insertJob(db, actor, input);
}

/** The same, inside the caller's transaction (a wave, a new instance). */
export async function createJobInTransaction(tx: Tx, actor: Actor, input: CreateJobInput): Promise<JobView> {
  return insertJob(tx, actor, input);
}

async function insertJob(q: Pick<Tx, "instance" | "job" | "$executeRaw">, actor: Actor, input: CreateJobInput): Promise<JobView> {
  const runbook = runbookMetadata(input.kind);
  const params = parseWith(runbook.params, input.params ?? {}, "params") as Record<string, unknown>;
  let instance: { id: string; slug: string; displayName: string; status: string } | null = null;
  if (runbook.needsInstance || input.instanceSlug !== undefined) {
    if (!input.instanceSlug || !slugSchema.safeParse(input.instanceSlug).success) throw notFound("instance");
    instance = await q.instance.findUnique({ where: { slug: input.instanceSlug }, select: { id: true, slug: true, displayName: true, status: true } });
    if (!instance) throw notFound(`instance "${input.instanceSlug}"`);
    if (instance.status === "deleted") throw new AppError("conflict", `instance "${instance.slug}" is deleted`);
  }
  const id = randomUUID();
  const instanceId = instance?.id ?? null;
  const stepRows = runbook.steps(params as never).map((s, position) => ({ id: randomUUID(), position, key: s.key, name: s.name, kind: s.kind }));
  const audit = auditInsertSql(actor, { action: "job.create", targetType: "job", targetId: id, instanceSlug: instance?.slug ?? null, params: { kind: runbook.kind, ...params } });
  await q.$executeRaw`
    WITH j AS (
      INSERT INTO job (id, instance_id, kind, params, created_by)
      VALUES (${id}::uuid, ${instanceId}::uuid, ${runbook.kind}, ${JSON.stringify(params)}::jsonb, ${actor.email})
      RETURNING created_at
    ), s AS (
      INSERT INTO job_step (id, job_id, position, key, name, kind)
      SELECT t.id, ${id}::uuid, t.position, t.key, t.name, t.kind::"StepKind"
      FROM unnest(${stepRows.map((r) => r.id)}::uuid[], ${stepRows.map((r) => r.position)}::int[], ${stepRows.map((r) => r.key)}::text[],
                  ${stepRows.map((r) => r.name)}::text[], ${stepRows.map((r) => r.kind)}::text[]) AS t(id, position, key, name, kind)
    ), a AS (
      ${audit}
    ), queued AS (
      SELECT ${addJobCall({ id, instanceId })}
    )
    SELECT 1 FROM j, queued`;
  const job = await q.job.findUniqueOrThrow({ where: { id }, include: { steps: true, instance: { select: { slug: true, displayName: true } } } });
  return toJobView(job);
}
