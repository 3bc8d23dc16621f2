import type { AuditEvent } from "../generated/prisma/client";
import { redactParams } from "./redact-params";

export interface AuditEventView {
  id: string;
  at: string;
  actorEmail: string;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string | null;
  instanceSlug: string | null;
  params: unknown;
  sourceIp: string | null;
  via: string;
}

/** Params were redacted when stored; redacting again costs nothing and covers old rows. */
export function toAuditEventView(e: AuditEvent): AuditEventView {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    instanceSlug: e.instanceSlug,
    params: redactParams(e.params),
    sourceIp: e.sourceIp,
    via: e.via,
  };
}
