import { compareVersions } from "../instances/versions";

/** What the upgrade rules need of a release (lib/releases/list-releases.ts gives them, oldest first). */
export interface ReleaseFacts {
  version: string;
  databaseChanges: boolean;
  retired: boolean;
}

/** Releases that may be upgraded to (not retired), oldest first. */
export const upgradeTargets = (releases: ReleaseFacts[]) => releases.filter((r) => !r.retired);

export const latestRelease = (releases: ReleaseFacts[]): string | null => upgradeTargets(releases).at(-1)?.version ?? null;

/**
 * THE in-place rule (the handbook's): an in-place upgrade must not cross a release with
 * database changes. Releases after `from`, up to and including `to`, that change the database,
 * retired ones included (their migrations still run on the way): 5.9.1 → 5.10.2 crosses 5.10.0.
 */
export function databaseChangesBetween(releases: ReleaseFacts[], from: string, to: string): string[] {
  return releases.filter((r) => r.databaseChanges && compareVersions(r.version, from) > 0 && compareVersions(r.version, to) <= 0).map((r) => r.version);
}

/** Whether `from` → `to` may go in place; the reason when not (null when it may). */
export function inPlaceRefusal(releases: ReleaseFacts[], from: string, to: string): string | null {
  const skipped = databaseChangesBetween(releases, from, to);
  if (!skipped.length) return null;
  return `in place from ${from} to ${to} would skip ${skipped.join(", ")}, which change${skipped.length === 1 ? "s" : ""} the database; use red-black`;
}

/** Whether a release may be an in-place target at all (from the release just before it). */
export function allowsInPlace(releases: ReleaseFacts[], to: string): boolean {
  const before = releases.filter((r) => compareVersions(r.version, to) < 0).at(-1)?.version ?? "0.0.0";
  return releases.some((r) => r.version === to) && inPlaceRefusal(releases, before, to) === null;
}

/** How many upgrade targets are newer than `version` (0 = on the latest). */
export function releasesBehind(releases: ReleaseFacts[], version: string): number {
  return upgradeTargets(releases).filter((r) => compareVersions(r.version, version) > 0).length;
}

/**
 * Standard upgrades go one minor version at a time (REALITY.md); a longer jump is the
 * multi-version procedure (stop, migrator `upgrade --from --to`, start). Returns the
 * release to go to first when `from` → `to` is such a jump, else null.
 */
export function nextMinorStop(releases: ReleaseFacts[], from: string, to: string): string | null {
  const [fm, fn] = from.split(".").map(Number);
  const [tm, tn] = to.split(".").map(Number);
  if (tm === fm && tn - fn <= 1) return null;
  const next = upgradeTargets(releases).filter((r) => {
    const [m, n] = r.version.split(".").map(Number);
    return m === fm && n === fn + 1;
  });
  return next.at(-1)?.version ?? (tm !== fm ? `the last ${fm}.x release` : `${fm}.${fn + 1}.x`);
}
