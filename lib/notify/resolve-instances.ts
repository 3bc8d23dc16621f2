import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors/app-error";

type Tx = Pick<Prisma.TransactionClient, "instance">;

/** A channel's instance filter, by slug, to ids; an unknown slug is a 400 naming it. */
export async function resolveInstanceSlugs(tx: Tx, slugs: string[]): Promise<string[]> {
  if (!slugs.length) return [];
  const rows = await tx.instance.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const missing = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length) {
    const message = `no instance with slug ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`;
    throw new AppError("bad_request", message, [{ field: "instances", message }]);
  }
  return slugs.map((s) => rows.find((r) => r.slug === s)!.id);
}

/** Slugs of the instances channels name, for their views. */
export async function slugsOf(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.instance.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, slug: true } });
  return new Map(rows.map((r) => [r.id, r.slug]));
}
