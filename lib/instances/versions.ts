/**
 * Dotted Sourcegraph versions. The releases themselves are data (the `release` table,
 * lib/releases); `SEED_RELEASES` is the list its migration seeded, kept for the demo fleet's
 * version spread and for the test that proves the seed.
 */
export interface SeedRelease {
  version: string;
  databaseChanges: boolean;
}

export const SEED_RELEASES: SeedRelease[] = [
  { version: "5.6.0", databaseChanges: true },
  { version: "5.6.1", databaseChanges: false },
  { version: "5.7.0", databaseChanges: true },
  { version: "5.7.1", databaseChanges: false },
  { version: "5.8.0", databaseChanges: true },
  { version: "5.8.1", databaseChanges: false },
  { version: "5.9.0", databaseChanges: true },
  { version: "5.9.1", databaseChanges: false },
  { version: "5.10.0", databaseChanges: true },
  { version: "5.10.1", databaseChanges: false },
  { version: "5.10.2", databaseChanges: false },
];

export const SEED_VERSIONS = SEED_RELEASES.map((r) => r.version);

/** A release version: three dot-separated numbers, as deploy-sourcegraph-docker tags them (`v5.10.2`). */
export const VERSION_PATTERN = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

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

/** Sortable integer for a dotted version, stored beside it (instance.version_order, release.version_order). */
export function versionOrder(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return major * 1_000_000 + minor * 1_000 + patch;
}
