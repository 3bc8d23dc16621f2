import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { compareVersions } from "../instances/versions";
import { listReleases } from "../releases/list-releases";
import { inPlaceRefusal, nextMinorStop, upgradeTargets } from "../releases/release-rules";

const refuse = (field: string, message: string) => new AppError("bad_request", `invalid params: ${field}: ${message}`, [{ field, message }]);

/**
 * Checked against the `release` table before any job exists, each refusal a 400 naming its
 * field: the version must be a release that is not retired (one added a moment ago counts);
 * an upgrade only goes forward; a jump across more than one minor release needs the
 * multi-version procedure (not automated yet), so the message names the release to upgrade to
 * first; an in-place upgrade must not cross a release with database changes.
 */
export async function checkUpgradeVersion(slug: string, params: Record<string, unknown>): Promise<void> {
  const version = params.version;
  if (typeof version !== "string") return; // the runbook's schema reports it
  const instance = await db.instance.findUnique({ where: { slug }, select: { version: true } });
  if (!instance) return; // createJob reports the 404
  const releases = await listReleases();
  const targets = upgradeTargets(releases).map((r) => r.version);
  if (!targets.includes(version)) throw refuse("version", `must be a release that is not retired (${targets.join(", ")})`);
  if (compareVersions(version, instance.version) <= 0) {
    throw refuse("version", `must be newer than the current version ${instance.version} (downgrades are not supported)`);
  }
  const stop = nextMinorStop(releases, instance.version, version);
  if (stop) {
    throw refuse("version", `${instance.version} → ${version} crosses more than one minor release; Sourcegraph upgrades one minor version at a time (the multi-version procedure is not automated): upgrade to ${stop} first`);
  }
  const refusal = params.strategy === "in-place" ? inPlaceRefusal(releases, instance.version, version) : null;
  if (refusal) throw refuse("strategy", refusal);
}
