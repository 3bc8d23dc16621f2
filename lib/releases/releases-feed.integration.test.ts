import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sync from "../../app/api/releases/sync/route";
import { releaseFeed } from "../../emulators/sourcegraph/release-feed";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { callRoute, tokenFor } from "../testing/api-client";

/**
 * Releases sync from a JSON feed (issue 15, point 2): new releases are added as
 * `POST /api/releases` would add them (validated, audited), known ones are left as they are
 * (an admin's edits win), nothing is ever deleted, and a bad entry is reported without
 * stopping the rest.
 */
let server: http.Server;
let feed: unknown;
let feedUrl: string;
let admin: string;
let operator: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(feed));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases.json`;
  [admin, operator] = await Promise.all([tokenFor("admin"), tokenFor("operator")]);
});
afterAll(async () => {
  server?.close();
  await pool().end();
});

const syncNow = (token = admin) => callRoute(sync.POST, { url: "/api/releases/sync", method: "POST", token });

describe("the releases feed", () => {
  it("is refused with a 400 naming the variable when no feed is configured", async () => {
    delete process.env.RELEASES_FEED_URL;
    const res = await syncNow();
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("RELEASES_FEED_URL");
  });

  it("adds new releases, leaves known ones as an admin edited them, deletes nothing and reports bad entries", async () => {
    process.env.RELEASES_FEED_URL = feedUrl;
    await db.release.update({ where: { version: "5.10.2" }, data: { notesUrl: "https://example.com/edited-by-admin" } });
    // The emulated feed (demo mode's) plus a new release, a bad one, and one without 5.6.0 would not delete it.
    const emulated = releaseFeed("5.11.0:db").releases.filter((r) => r.version !== "5.6.0");
    feed = { releases: [...emulated, { version: "5.x", databaseChanges: false }, { version: "5.11.1", databaseChanges: false, publishedAt: "2026-12-02", somethingElse: 1 }] };

    const res = await syncNow();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      sync: { added: ["5.11.0", "5.11.1"], known: 10, invalid: [{ entry: 11, version: "5.x", message: expect.stringContaining("MAJOR.MINOR.PATCH") }] },
    });
    expect(await db.release.findUnique({ where: { version: "5.11.0" } })).toMatchObject({ databaseChanges: true, changedSchemas: ["frontend"], deployRef: "v5.11.0" });
    expect(await db.release.findUnique({ where: { version: "5.10.2" } })).toMatchObject({ notesUrl: "https://example.com/edited-by-admin" });
    expect(await db.release.findUnique({ where: { version: "5.6.0" } })).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "release.create", targetId: { in: ["5.11.0", "5.11.1"] } } })).toBe(2);

    // Again: nothing new.
    const again = await syncNow();
    expect((again.body as { sync: { added: string[] } }).sync.added).toEqual([]);
  });

  it("is for admins; an unreadable feed is a 503 that writes nothing", async () => {
    expect((await syncNow(operator)).status).toBe(403);
    process.env.RELEASES_FEED_URL = "http://127.0.0.1:9/releases.json";
    const before = await db.release.count();
    const res = await syncNow();
    expect(res.status).toBe(503);
    expect(await db.release.count()).toBe(before);
  });
});
