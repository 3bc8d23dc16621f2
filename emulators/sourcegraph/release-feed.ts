/**
 * The emulated releases feed (`GET /releases.json` on the Sourcegraph emulator): what a
 * published feed of Sourcegraph releases would list, in the format RELEASES_FEED_URL reads
 * (lib/releases/sync-releases-feed.ts). Demo mode points RELEASES_FEED_URL here. It lists the
 * releases every database is seeded with, so a sync adds nothing until a release is added
 * here (or `SOURCEGRAPH_EMULATOR_FEED_EXTRA` names more, e.g. `5.11.0:db,5.11.1`).
 */
const SEEDED: [string, boolean][] = [
  ["5.6.0", true], ["5.6.1", false], ["5.7.0", true], ["5.7.1", false], ["5.8.0", true], ["5.8.1", false],
  ["5.9.0", true], ["5.9.1", false], ["5.10.0", true], ["5.10.1", false], ["5.10.2", false],
];

export function releaseFeed(extra = process.env.SOURCEGRAPH_EMULATOR_FEED_EXTRA ?? ""): { releases: Record<string, unknown>[] } {
  const more = extra.split(",").filter(Boolean).map((e): [string, boolean] => [e.split(":")[0]!, e.endsWith(":db")]);
  return {
    releases: [...SEEDED, ...more].map(([version, databaseChanges]) => ({
      version,
      deployRef: `v${version}`,
      databaseChanges,
      ...(databaseChanges ? { changedSchemas: ["frontend"] } : {}),
    })),
  };
}
