import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { isIpv4, type ListQuery } from "./list-query";
import { toInstanceView, type InstanceView } from "./instance-view";

export interface InstancePage {
  items: InstanceView[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The fleet list. One search box: an IPv4 matches the global or either NAT IP exactly
 * (support pastes an IP from a customer's firewall log); anything else matches slug,
 * display name or domain as a case-insensitive substring.
 */
export async function listInstances(query: ListQuery, opts: { includeIps: boolean }): Promise<InstancePage> {
  const where = buildWhere(query, opts);
  const orderBy = buildOrderBy(query);
  const [rows, total] = await Promise.all([
    db.instance.findMany({ where, orderBy, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.instance.count({ where }),
  ]);
  return { items: rows.map((r) => toInstanceView(r, opts)), total, page: query.page, pageSize: query.pageSize };
}

export function buildWhere(query: ListQuery, opts: { includeIps: boolean }): Prisma.InstanceWhereInput {
  const and: Prisma.InstanceWhereInput[] = [];
  const q = query.q.trim();
  if (q) {
    if (isIpv4(q)) {
      // Without the right to read IPs, an IP search must not reveal whose IP it is.
      and.push(opts.includeIps ? { OR: [{ globalIp: q }, { natIps: { has: q } }] } : { id: { in: [] } });
    } else {
      const contains = { contains: q, mode: "insensitive" as const };
      and.push({ OR: [{ slug: contains }, { displayName: contains }, { domain: contains }] });
    }
  }
  if (query.status.length) and.push({ status: { in: query.status } });
  if (query.health.length) and.push({ health: { in: query.health } });
  if (query.drift.length) and.push({ driftStatus: { in: query.drift } });
  if (query.version.length) and.push({ version: { in: query.version } });
  return and.length ? { AND: and } : {};
}

function buildOrderBy(query: ListQuery): Prisma.InstanceOrderByWithRelationInput[] {
  const dir = query.dir;
  const primary: Prisma.InstanceOrderByWithRelationInput =
    query.sort === "version"
      ? { versionOrder: dir }
      : query.sort === "healthCheckedAt"
        ? { healthCheckedAt: { sort: dir, nulls: "last" } }
        : { [query.sort]: dir };
  return query.sort === "slug" ? [primary] : [primary, { slug: "asc" }];
}
