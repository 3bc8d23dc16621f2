/**
 * Release arithmetic the deployment itself applies: the migrator's upgrade policy
 * (sourcegraph `internal/version/upgradestore`: one minor version at a time, a new major
 * only from its predecessor to x.0; rolling back is allowed) and its version flags
 * (`{Major}.{Minor}` or `v{Major}.{Minor}`, a patch tolerated).
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

const VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/;

export function parseVersion(text: string): Version | null {
  const m = VERSION.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) } : null;
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export const minorOf = (v: Version) => `${v.major}.${v.minor}`;
export const formatVersion = (v: Version) => `${v.major}.${v.minor}.${v.patch}`;

/** upgradestore.IsValidUpgrade: may the frontend (and `migrator up`) go from `previous` to `latest`? */
export function isValidUpgrade(previous: Version, latest: Version): boolean {
  if (previous.major > latest.major) return true;
  if (previous.major === latest.major) return previous.minor >= latest.minor || previous.minor === latest.minor - 1;
  if (previous.major === latest.major - 1) return latest.minor === 0;
  return false;
}

/** upgradestore.UpgradeError's text. */
export function upgradeNotAllowed(previous: string, latest: string): string {
  return `upgrading "frontend" from "${previous}" to "${latest}" is not allowed, please refer to https://docs.sourcegraph.com/admin/updates#update-policy`;
}
