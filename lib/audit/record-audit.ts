import type { Prisma } from "../generated/prisma/client";
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
  await tx.auditEvent.create({
    data: {
      actorEmail: actor.email,
      actorRole: actor.role,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      instanceSlug: input.instanceSlug ?? null,
      params: redactParams(input.params ?? {}) as Prisma.InputJsonValue,
      sourceIp: actor.sourceIp,
      via: actor.via,
    },
  });
}
