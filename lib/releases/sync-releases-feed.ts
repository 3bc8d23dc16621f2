import { config, type Config } from "../config/load-config";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { createRelease } from "./create-release";
import { createReleaseSchema } from "./release-schema";

/**
 * The releases feed (RELEASES_FEED_URL): JSON `{ "releases": [ { "version": "5.11.0",
 * "databaseChanges": true, "changedSchemas": ["frontend"], "deployRef": "v5.11.0",
 * "publishedAt": "2026-12-01", "notesUrl": "https://…" }, … ] }`, each entry what
 * `POST /api/releases` takes (other fields ignored).
 */
const feedSchema = z.object({ releases: z.array(z.record(z.string(), z.unknown())).max(2000) });
const FEED_FIELDS = ["version", "deployRef", "databaseChanges", "changedSchemas", "publishedAt", "notesUrl"] as const;

export interface FeedSyncResult {
  /** Versions added by this sync. */
  added: string[];
  /** Entries already in the table (left as they are: an admin's edits win). */
  known: number;
  /** Entries refused, with why (the rest of the feed still syncs). */
  invalid: { entry: number; version: string | null; message: string }[];
}

/** The feed's URL, or an error saying how to configure it. */
export function releasesFeedUrl(c: Pick<Config, "RELEASES_FEED_URL"> = config()): string {
  const url = c.RELEASES_FEED_URL;
  if (!url) throw new AppError("bad_request", "no releases feed is configured: set RELEASES_FEED_URL on the web and the workers");
  return url;
}

/**
 * Adds the feed's releases the table does not have yet, each as `POST /api/releases` would
 * (validated, audited `release.create` by `actor`). Never deletes or edits a release: one
 * missing from the feed, or edited here, stays as it is.
 */
export async function syncReleasesFeed(actor: Actor, url: string, opts: { timeoutMs?: number } = {}): Promise<FeedSyncResult> {
  let body: unknown;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000), headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (e) {
    throw new AppError("unavailable", `the releases feed ${url} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const feed = feedSchema.safeParse(body);
  if (!feed.success) throw new AppError("unavailable", `the releases feed ${url} is not {"releases": [...]}: ${feed.error.issues[0]?.message}`);

  const known = new Set((await db.release.findMany({ select: { version: true } })).map((r) => r.version));
  const result: FeedSyncResult = { added: [], known: 0, invalid: [] };
  for (const [i, raw] of feed.data.releases.entries()) {
    const version = typeof raw.version === "string" ? raw.version : null;
    if (version && known.has(version)) {
      result.known++;
      continue;
    }
    const parsed = createReleaseSchema.safeParse(Object.fromEntries(FEED_FIELDS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])));
    if (!parsed.success) {
      result.invalid.push({ entry: i, version, message: parsed.error.issues.map((x) => `${x.path.join(".") || "entry"}: ${x.message}`).join("; ") });
      continue;
    }
    try {
      await createRelease(actor, parsed.data);
      result.added.push(parsed.data.version);
      known.add(parsed.data.version);
    } catch (e) {
      // Another sync (or an admin) added it meanwhile.
      if (e instanceof AppError && e.code === "conflict") result.known++;
      else throw e;
    }
  }
  return result;
}
