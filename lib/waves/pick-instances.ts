import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors/app-error";
import { versionOrder } from "../instances/versions";
import type { CreateWaveBody } from "./wave-schema";

export interface PickedInstance {
  id: string;
  slug: string;
  version: string;
}

type Reader = Pick<Prisma.TransactionClient, "instance" | "waveInstance">;

/**
 * The instances a wave would upgrade, in order: the hand-picked slugs as given, or every
 * active instance behind the target by at most one minor release (Sourcegraph upgrades one
 * minor version at a time; optionally only those on one version), oldest first.
 * Refuses unknown slugs, instances already on or past the target, an empty pick and
 * instances that are still in an unfinished wave (one upgrade at a time).
 */
export async function pickWaveInstances(db: Reader, body: Pick<CreateWaveBody, "instances" | "targetVersion">): Promise<PickedInstance[]> {
  const target = versionOrder(body.targetVersion);
  const instances = Array.isArray(body.instances) ? await byHand(db, body.instances, target) : await byFilter(db, body.instances, target);
  if (!instances.length) throw new AppError("bad_request", "invalid body: instances: no instance behind the target version matches", [{ field: "instances", message: "nothing to upgrade" }]);
  const busy = await db.waveInstance.findMany({
    where: { instanceId: { in: instances.map((i) => i.id) }, state: { in: ["pending", "running"] }, wave: { status: { in: ["running", "paused"] } } },
    select: { slug: true },
  });
  if (busy.length) throw new AppError("conflict", `already in an unfinished wave: ${busy.map((b) => b.slug).join(", ")}`);
  return instances;
}

async function byHand(db: Reader, given: string[], target: number): Promise<PickedInstance[]> {
  const slugs = [...new Set(given)];
  const found = await db.instance.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, version: true, versionOrder: true, status: true } });
  const bySlug = new Map(found.map((i) => [i.slug, i]));
  const problems = slugs.flatMap((s) => {
    const i = bySlug.get(s);
    if (!i || i.status === "deleted") return [`${s}: no such instance`];
    if (i.versionOrder >= target) return [`${s}: already on ${i.version}`];
    return [];
  });
  if (problems.length) throw new AppError("bad_request", `invalid body: instances: ${problems.slice(0, 10).join("; ")}`, [{ field: "instances", message: problems[0] }]);
  return slugs.map((s) => bySlug.get(s)!);
}

function byFilter(db: Reader, filter: { version?: string }, target: number): Promise<PickedInstance[]> {
  // M.m.p → from M.(m-1).0: further behind needs the multi-version procedure, not a wave.
  const oldest = Math.floor(target / 1_000) * 1_000 - 1_000;
  return db.instance.findMany({
    where: { status: "active", versionOrder: { lt: target, gte: oldest }, ...(filter.version ? { version: filter.version } : {}) },
    orderBy: [{ versionOrder: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, version: true },
  });
}
