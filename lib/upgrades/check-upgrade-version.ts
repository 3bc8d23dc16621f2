import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { compareVersions, databaseChangesBetween, nextMinorStop } from "../instances/versions";

/**
 * An upgrade only goes forward: a version that is not newer than the instance's is refused
 * with a 400 naming `version`, before any job exists; so is an in-place upgrade that would
 * skip a release with database changes (naming `strategy`), and a jump across more than one
 * minor release, which needs the multi-version procedure (not automated yet): the message
 * names the release to upgrade to first.
 */
export async function checkUpgradeVersion(slug: string, params: Record<string, unknown>): Promise<void> {
  const version = params.version;
  if (typeof version !== "string") return; // the runbook's schema reports it
  const instance = await db.instance.findUnique({ where: { slug }, select: { version: true } });
  if (!instance) return; // createJob reports the 404
  if (compareVersions(version, instance.version) <= 0) {
    const message = `must be newer than the current version ${instance.version} (downgrades are not supported)`;
    throw new AppError("bad_request", `invalid params: version: ${message}`, [{ field: "version", message }]);
  }
  const stop = nextMinorStop(instance.version, version);
  if (stop) {
    const message = `${instance.version} → ${version} crosses more than one minor release; Sourcegraph upgrades one minor version at a time (the multi-version procedure is not automated): upgrade to ${stop} first`;
    throw new AppError("bad_request", `invalid params: version: ${message}`, [{ field: "version", message }]);
  }
  const skipped = databaseChangesBetween(instance.version, version);
  if (params.strategy === "in-place" && skipped.length) {
    const message = `in place from ${instance.version} to ${version} would skip ${skipped.join(", ")}, which change${skipped.length === 1 ? "s" : ""} the database; use red-black`;
    throw new AppError("bad_request", `invalid params: strategy: ${message}`, [{ field: "strategy", message }]);
  }
}
