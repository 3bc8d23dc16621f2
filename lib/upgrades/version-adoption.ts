import { db } from "../db/client";
import { compareVersions } from "../instances/versions";
import { listReleases } from "../releases/list-releases";
import { latestRelease, releasesBehind, upgradeTargets } from "../releases/release-rules";

/** Instances per version (newest first), releases behind the latest, share on the latest three (from the `release` table). */
export async function versionAdoption() {
  const [rows, releases] = await Promise.all([
    db.instance.groupBy({ by: ["version"], where: { status: { not: "deleted" } }, _count: { _all: true } }),
    listReleases(),
  ]);
  const total = rows.reduce((n, r) => n + r._count._all, 0);
  const latestThree = upgradeTargets(releases).slice(-3).map((r) => r.version);
  const onLatestThree = rows.filter((r) => latestThree.includes(r.version)).reduce((n, r) => n + r._count._all, 0);
  return {
    latest: latestRelease(releases) ?? "",
    total,
    shareOnLatestThree: total ? onLatestThree / total : 0,
    versions: rows
      .map((r) => ({ version: r.version, count: r._count._all, behind: releasesBehind(releases, r.version), share: r._count._all / total }))
      .sort((a, b) => compareVersions(b.version, a.version)),
  };
}
