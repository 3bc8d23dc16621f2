import { db } from "../db/client";
import { KNOWN_VERSIONS, LATEST_VERSION, compareVersions, releasesBehind } from "../instances/versions";

/** Instances per version (newest first), releases behind the latest, share on the latest three. */
export async function versionAdoption() {
  const rows = await db.instance.groupBy({ by: ["version"], where: { status: { not: "deleted" } }, _count: { _all: true } });
  const total = rows.reduce((n, r) => n + r._count._all, 0);
  const latestThree = KNOWN_VERSIONS.slice(-3);
  const onLatestThree = rows.filter((r) => latestThree.includes(r.version)).reduce((n, r) => n + r._count._all, 0);
  return {
    latest: LATEST_VERSION,
    total,
    shareOnLatestThree: total ? onLatestThree / total : 0,
    versions: rows
      .map((r) => ({ version: r.version, count: r._count._all, behind: releasesBehind(r.version), share: r._count._all / total }))
      .sort((a, b) => compareVersions(b.version, a.version)),
  };
}
