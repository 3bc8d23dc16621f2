import { config, type Config } from "../config/load-config";
import { SYSTEM_ACTOR } from "../auth/actor";
import { syncReleasesFeed } from "./sync-releases-feed";

/** Every worker syncs the feed every RELEASES_FEED_SYNC_MS (1 h) when RELEASES_FEED_URL is set; adding is idempotent. */
export function startReleasesFeedSync(log: (line: string) => void, c: Pick<Config, "RELEASES_FEED_URL" | "RELEASES_FEED_SYNC_MS"> = config()): { stop(): void } {
  const url = c.RELEASES_FEED_URL;
  if (!url) return { stop() {} };
  const tick = () =>
    syncReleasesFeed(SYSTEM_ACTOR, url)
      .then((r) => {
        if (r.added.length) log(`releases feed: added ${r.added.join(", ")}`);
        if (r.invalid.length) log(`releases feed: ${r.invalid.length} entr${r.invalid.length === 1 ? "y" : "ies"} refused: ${r.invalid.map((x) => `${x.version ?? `#${x.entry}`} (${x.message})`).join("; ")}`);
      })
      .catch((e: Error) => log(`releases feed sync failed: ${e.message}`));
  const timer = setInterval(tick, c.RELEASES_FEED_SYNC_MS);
  void tick();
  return { stop: () => clearInterval(timer) };
}
