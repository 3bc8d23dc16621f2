import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { ReleaseFacts } from "./release-rules";

type Q = Pick<Prisma.TransactionClient, "release">;

export interface ReleaseView extends ReleaseFacts {
  deployRef: string;
  changedSchemas: string[];
  publishedAt: string | null;
  notesUrl: string | null;
  retiredAt: string | null;
  createdBy: string;
  updatedAt: string;
}

/** Every release, retired ones included, oldest first: what the upgrade rules and the releases page read. */
export async function listReleases(q: Q = db): Promise<ReleaseView[]> {
  const rows = await q.release.findMany({ orderBy: { versionOrder: "asc" } });
  return rows.map((r) => ({
    version: r.version,
    databaseChanges: r.databaseChanges,
    retired: r.retiredAt !== null,
    deployRef: r.deployRef,
    changedSchemas: r.changedSchemas,
    publishedAt: r.publishedAt?.toISOString().slice(0, 10) ?? null,
    notesUrl: r.notesUrl,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Versions that may be upgraded to (not retired), oldest first. */
export async function targetVersions(q: Q = db): Promise<string[]> {
  const rows = await q.release.findMany({ where: { retiredAt: null }, orderBy: { versionOrder: "asc" }, select: { version: true } });
  return rows.map((r) => r.version);
}
