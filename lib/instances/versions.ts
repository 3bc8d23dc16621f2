/**
 * Sourcegraph releases the control plane knows, oldest first. `noDatabaseChange` marks patch
 * releases that may be upgraded in place (the handbook's rule); the rest need red/black.
 */
export interface Release {
  version: string;
  noDatabaseChange: boolean;
}

export const RELEASES: Release[] = [
  { version: "5.6.0", noDatabaseChange: false },
  { version: "5.6.1", noDatabaseChange: true },
  { version: "5.7.0", noDatabaseChange: false },
  { version: "5.7.1", noDatabaseChange: true },
  { version: "5.8.0", noDatabaseChange: false },
  { version: "5.8.1", noDatabaseChange: true },
  { version: "5.9.0", noDatabaseChange: false },
  { version: "5.9.1", noDatabaseChange: true },
  { version: "5.10.0", noDatabaseChange: false },
  { version: "5.10.1", noDatabaseChange: true },
  { version: "5.10.2", noDatabaseChange: true },
];

export const KNOWN_VERSIONS = RELEASES.map((r) => r.version);
export const LATEST_VERSION = KNOWN_VERSIONS[KNOWN_VERSIONS.length - 1];

/** Numeric comparison of dotted versions ("5.10.0" > "5.9.1"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Releases after `from`, up to and including `to`, that change the database. An in-place
 * upgrade must not skip one (5.9.1 → 5.10.2 crosses 5.10.0's migrations): red/black then.
 */
export function databaseChangesBetween(from: string, to: string): string[] {
  return RELEASES.filter((r) => !r.noDatabaseChange && compareVersions(r.version, from) > 0 && compareVersions(r.version, to) <= 0).map((r) => r.version);
}

/** How many known releases are newer than `version` (0 = on the latest). */
export function releasesBehind(version: string): number {
  return KNOWN_VERSIONS.filter((v) => compareVersions(v, version) > 0).length;
}

/** Sortable integer for a dotted version, stored beside it (instance.version_order). */
export function versionOrder(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return major * 1_000_000 + minor * 1_000 + patch;
}

/**
 * Standard upgrades go one minor version at a time (REALITY.md); a longer jump is the
 * multi-version procedure (stop, migrator `upgrade --from --to`, start). Returns the
 * release to go to first when `from` → `to` is such a jump, else null.
 */
export function nextMinorStop(from: string, to: string): string | null {
  const [fm, fn] = from.split(".").map(Number);
  const [tm, tn] = to.split(".").map(Number);
  if (tm === fm && tn - fn <= 1) return null;
  const next = KNOWN_VERSIONS.filter((v) => {
    const [m, n] = v.split(".").map(Number);
    return m === fm && n === fn + 1;
  });
  return next.at(-1) ?? (tm !== fm ? `the last ${fm}.x release` : `${fm}.${fn + 1}.x`);
}
