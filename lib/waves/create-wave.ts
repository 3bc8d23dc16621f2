import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { createJobInTransaction } from "../jobs/create-job";
import { RELEASES, versionOrder } from "../instances/versions";
import type { CreateWaveBody } from "./wave-schema";

const ACTIVE_JOB = ["queued", "running", "waiting"] as const;

/**
 * Creates a wave, its instance list (batches fixed up front) and the job that drives it, in
 * one transaction. Refuses instances already in an unfinished wave: one upgrade at a time.
 */
export async function createWave(actor: Actor, body: CreateWaveBody) {
  if (body.strategy === "in-place" && !RELEASES.find((r) => r.version === body.targetVersion)?.noDatabaseChange) {
    throw new AppError("bad_request", `invalid body: strategy: ${body.targetVersion} has database changes and needs red-black`, [{ field: "strategy", message: "in-place is only for releases without database changes" }]);
  }
  const target = versionOrder(body.targetVersion);
  return db.$transaction(async (tx) => {
    const instances = await pickInstances(tx, body, target);
    if (!instances.length) throw new AppError("bad_request", "invalid body: instances: no instance behind the target version matches", [{ field: "instances", message: "nothing to upgrade" }]);
    const busy = await tx.waveInstance.findMany({
      where: { instanceId: { in: instances.map((i) => i.id) }, state: { in: ["pending", "running"] }, wave: { status: { in: ["running", "paused"] } } },
      select: { slug: true },
    });
    if (busy.length) throw new AppError("conflict", `already in an unfinished wave: ${busy.map((b) => b.slug).join(", ")}`);
    const wave = await tx.wave.create({
      data: {
        targetVersion: body.targetVersion,
        strategy: body.strategy,
        batchSize: body.batchSize,
        windowStart: body.window?.start ?? null,
        windowEnd: body.window?.end ?? null,
        createdBy: actor.email,
      },
    });
    await tx.waveInstance.createMany({
      data: instances.map((i, position) => ({ waveId: wave.id, instanceId: i.id, slug: i.slug, position, batch: Math.floor(position / body.batchSize), fromVersion: i.version })),
    });
    const driver = await createJobInTransaction(tx, actor, { kind: "wave", params: { waveId: wave.id } });
    await tx.wave.update({ where: { id: wave.id }, data: { driverJobId: driver.id } });
    await recordAudit(tx, actor, {
      action: "wave.create",
      targetType: "wave",
      targetId: wave.id,
      params: { targetVersion: body.targetVersion, strategy: body.strategy, batchSize: body.batchSize, instances: instances.length, window: body.window ?? null },
    });
    return { id: wave.id, instances: instances.length, driverJobId: driver.id };
  }, { timeout: 30_000 });
}

async function pickInstances(tx: Prisma.TransactionClient, body: CreateWaveBody, target: number) {
  if (Array.isArray(body.instances)) {
    const slugs = [...new Set(body.instances)];
    const found = await tx.instance.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, version: true, versionOrder: true, status: true } });
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
  return tx.instance.findMany({
    where: { status: "active", versionOrder: { lt: target }, ...(body.instances.version ? { version: body.instances.version } : {}) },
    orderBy: [{ versionOrder: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, version: true, versionOrder: true, status: true },
  });
}

export { ACTIVE_JOB };
