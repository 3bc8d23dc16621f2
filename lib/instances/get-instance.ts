import { db } from "../db/client";
import { notFound } from "../errors/app-error";
import { slugSchema } from "./slug";
import { toInstanceView, type InstanceView } from "./instance-view";

/** One instance by slug; an invalid or unknown slug is "not found" (never a 500). */
export async function getInstance(slug: string, opts: { includeIps: boolean }): Promise<InstanceView> {
  const row = await findInstanceRow(slug);
  return toInstanceView(row, opts);
}

export async function findInstanceRow(slug: string) {
  if (!slugSchema.safeParse(slug).success) throw notFound(`instance "${truncate(slug)}"`);
  const row = await db.instance.findUnique({ where: { slug } });
  if (!row) throw notFound(`instance "${slug}"`);
  return row;
}

function truncate(s: string) {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
