import { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { redactParams } from "./redact-params";

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  instanceSlug?: string | null;
  params?: Record<string, unknown>;
}

/**
 * Appends one audit event inside the caller's transaction, so a change and its record
 * commit together. The table refuses UPDATE and DELETE (a trigger in the migration).
 */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditEventData(actor, input) });
}

/** The row recordAudit appends: who, what, parameters redacted. */
function auditEventData(actor: Actor, input: AuditInput) {
  return {
    actorEmail: actor.email,
    actorRole: actor.role,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    instanceSlug: input.instanceSlug ?? null,
    params: redactParams(input.params ?? {}) as Prisma.InputJsonValue,
    sourceIp: actor.sourceIp,
    via: actor.via,
  };
}

/**
 * The same row as an `INSERT` to embed in a larger single statement (a hot path that must
 * commit in one round trip, such as createJob's enqueue). Everything else uses recordAudit.
 */
export function auditInsertSql(actor: Actor, input: AuditInput): Prisma.Sql {
  const row = auditEventData(actor, input);
  return Prisma.sql`INSERT INTO audit_event (actor_email, actor_role, action, target_type, target_id, instance_slug, params, source_ip, via)
    VALUES (${row.actorEmail}, ${row.actorRole}::"Role", ${row.action}, ${row.targetType}, ${row.targetId}, ${row.instanceSlug}, ${JSON.stringify(row.params)}::jsonb, ${row.sourceIp}, ${row.via})`;
}
