import { route } from "@/lib/http/route";
import { releasesFeedUrl, syncReleasesFeed } from "@/lib/releases/sync-releases-feed";

/** "Sync now": adds the configured feed's new releases (admins). */
export const POST = route({ permission: "releases:manage" }, async ({ actor }) => ({ sync: await syncReleasesFeed(actor, releasesFeedUrl()) }));
