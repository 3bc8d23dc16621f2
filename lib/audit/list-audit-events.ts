import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { AuditQuery } from "./audit-query";
import { toAuditEventView, type AuditEventView } from "./audit-event-view";

export interface AuditPage {
  items: AuditEventView[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Newest first. `actor` matches part of an email; `action` matches itself or its family
 * ("job" finds job.create and job.cancel); `instance` is an exact slug.
 */
export async function listAuditEvents(q: AuditQuery): Promise<AuditPage> {
  const where: Prisma.AuditEventWhereInput = {
    ...(q.actor ? { actorEmail: { contains: q.actor, mode: "insensitive" } } : {}),
    ...(q.action ? { OR: [{ action: q.action }, { action: { startsWith: `${q.action}.` } }] } : {}),
    ...(q.instance ? { instanceSlug: q.instance } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.auditEvent.count({ where }),
  ]);
  return { items: rows.map(toAuditEventView), total, page: q.page, pageSize: q.pageSize };
}
