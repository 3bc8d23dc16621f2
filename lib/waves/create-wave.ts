import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { createJobInTransaction } from "../jobs/create-job";
import { listReleases } from "../releases/list-releases";
import { allowsInPlace, inPlaceRefusal, nextMinorStop, upgradeTargets, type ReleaseFacts } from "../releases/release-rules";
import { pickWaveInstances, type PickedInstance } from "./pick-instances";
import type { CreateWaveBody } from "./wave-schema";

const ACTIVE_JOB = ["queued", "running", "waiting"] as const;

/**
 * Creates a wave, its instance list (batches fixed up front) and the job that drives it, in
 * one transaction. Refuses instances already in an unfinished wave: one upgrade at a time.
 */
export async function createWave(actor: Actor, body: CreateWaveBody) {
  return db.$transaction(async (tx) => {
    const releases = await listReleases(tx);
    checkStrategy(releases, body);
    const instances = await pickWaveInstances(tx, body);
    checkInPlace(releases, instances, body);
    checkMinorSteps(releases, instances, body);
    const wave = await tx.wave.create({
      data: {
        targetVersion: body.targetVersion,
        strategy: body.strategy,
        approvalPolicy: body.approvalPolicy,
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
      params: { targetVersion: body.targetVersion, strategy: body.strategy, approvalPolicy: body.approvalPolicy, batchSize: body.batchSize, instances: instances.length, window: body.window ?? null },
    });
    return { id: wave.id, instances: instances.length, driverJobId: driver.id };
  }, { timeout: 30_000 });
}

/** The target must be a release that is not retired; in place only for a release without database changes. */
export function checkStrategy(releases: ReleaseFacts[], body: Pick<CreateWaveBody, "strategy" | "targetVersion">): void {
  const targets = upgradeTargets(releases).map((r) => r.version);
  if (!targets.includes(body.targetVersion)) {
    throw new AppError("bad_request", `invalid body: targetVersion: must be a release that is not retired (${targets.join(", ")})`, [{ field: "targetVersion", message: "must be a release that is not retired" }]);
  }
  if (body.strategy === "in-place" && !allowsInPlace(releases, body.targetVersion)) {
    throw new AppError("bad_request", `invalid body: strategy: ${body.targetVersion} has database changes and needs red-black`, [{ field: "strategy", message: "in-place is only for releases without database changes" }]);
  }
}

/** An in-place wave must not take any instance across a release with database changes. */
export function checkInPlace(releases: ReleaseFacts[], instances: PickedInstance[], body: Pick<CreateWaveBody, "strategy" | "targetVersion">): void {
  if (body.strategy !== "in-place") return;
  const crossing = instances.flatMap((i) => {
    const refusal = inPlaceRefusal(releases, i.version, body.targetVersion);
    return refusal ? [`${i.slug}: ${refusal}`] : [];
  });
  if (!crossing.length) return;
  const message = `in place would cross releases with database changes for ${crossing.length} instance${crossing.length === 1 ? "" : "s"}: ${crossing.slice(0, 3).join("; ")}${crossing.length > 3 ? "; …" : ""}. Use red-black, or only instances on ${body.targetVersion.split(".").slice(0, 2).join(".")}.x`;
  throw new AppError("bad_request", `invalid body: strategy: ${message}`, [{ field: "strategy", message }]);
}

/**
 * Sourcegraph upgrades one minor version at a time; a wave does not run the multi-version
 * procedure, so instances further behind are refused, naming where they should stop first.
 */
export function checkMinorSteps(releases: ReleaseFacts[], instances: PickedInstance[], body: Pick<CreateWaveBody, "targetVersion">): void {
  const far = instances.flatMap((i) => {
    const stop = nextMinorStop(releases, i.version, body.targetVersion);
    return stop ? [`${i.slug} (${i.version}) must go to ${stop} first`] : [];
  });
  if (!far.length) return;
  const message = `${far.length} instance${far.length === 1 ? " is" : "s are"} more than one minor release behind ${body.targetVersion}: ${far.slice(0, 3).join("; ")}${far.length > 3 ? "; …" : ""}. Pick only instances on the previous minor release (filter by version), or upgrade them in steps`;
  throw new AppError("bad_request", `invalid body: instances: ${message}`, [{ field: "instances", message }]);
}

export { ACTIVE_JOB };
