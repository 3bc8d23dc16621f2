import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as releases from "../../app/api/releases/route";
import * as oneRelease from "../../app/api/releases/[version]/route";
import * as instanceJobs from "../../app/api/instances/[slug]/jobs/route";
import * as waves from "../../app/api/waves/route";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { SEED_RELEASES } from "../instances/versions";
import { snapshotDatabase } from "../security/snapshot-database";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeInstance } from "../testing/factories";

let admin: string;
let operator: string;
let viewer: string;

beforeAll(async () => {
  [admin, operator, viewer] = await Promise.all([tokenFor("admin"), tokenFor("operator"), tokenFor("viewer")]);
});
afterAll(async () => {
  await pool().end();
});

const add = (body: unknown, token = admin) => callRoute(releases.POST, { url: "/api/releases", method: "POST", token, body });
const edit = (version: string, body: unknown, token = admin) => callRoute(oneRelease.PATCH, { url: `/api/releases/${version}`, method: "PATCH", token, params: { version }, body });
const upgrade = (slug: string, body: Record<string, unknown>) =>
  callRoute(instanceJobs.POST, { url: `/api/instances/${slug}/jobs`, method: "POST", token: operator, params: { slug }, body: { kind: "upgrade", ...body } });

describe("releases are data", () => {
  it("every database starts with today's list, oldest first, each with its deploy ref", async () => {
    const r = await callRoute(releases.GET, { url: "/api/releases", token: viewer });
    expect(r.status).toBe(200);
    const seeded = r.body.releases.filter((x: { createdBy: string }) => x.createdBy === "seed");
    expect(seeded.map((x: { version: string; databaseChanges: boolean }) => ({ version: x.version, databaseChanges: x.databaseChanges }))).toEqual(SEED_RELEASES);
    expect(seeded[0]).toMatchObject({ deployRef: "v5.6.0", retired: false, notesUrl: null });
  });

  it("a release added through the API can be upgraded to at once, and the addition is audited", async () => {
    const instance = await makeInstance({ version: "5.10.2" });
    const before = await upgrade(instance.slug, { version: "5.11.0" });
    expect(before.status).toBe(400);
    expect(before.body.error.fields).toEqual([{ field: "version", message: expect.stringContaining("must be a release") }]);

    const added = await add({ version: "5.11.0", databaseChanges: true, changedSchemas: ["frontend", "codeintel"], publishedAt: "2026-11-20", notesUrl: "https://sourcegraph.com/docs/CHANGELOG#5-11-0" });
    expect(added.status).toBe(201);
    expect(added.body.release).toMatchObject({ version: "5.11.0", deployRef: "v5.11.0", databaseChanges: true, changedSchemas: ["frontend", "codeintel"], publishedAt: "2026-11-20" });
    expect(await db.auditEvent.count({ where: { action: "release.create", targetId: "5.11.0" } })).toBe(1);

    const accepted = await upgrade(instance.slug, { version: "5.11.0" });
    expect(accepted.status).toBe(202);
    expect(accepted.body.job).toMatchObject({ kind: "upgrade", status: "queued" });
    // The in-place rule reads the new release's database changes.
    const other = await makeInstance({ version: "5.10.2" });
    const inPlace = await upgrade(other.slug, { version: "5.11.0", strategy: "in-place" });
    expect(inPlace.status).toBe(400);
    expect(inPlace.body.error.fields[0]).toMatchObject({ field: "strategy", message: expect.stringContaining("5.11.0") });
  });

  it("waves read the table too", async () => {
    await add({ version: "5.12.0", databaseChanges: false });
    await makeInstance({ version: "5.11.0" });
    const inPlace = await callRoute(waves.POST, { url: "/api/waves", method: "POST", token: operator, body: { targetVersion: "5.12.0", instances: { version: "5.11.0" }, strategy: "in-place" } });
    expect(inPlace.status).toBe(201);
    const unknown = await callRoute(waves.POST, { url: "/api/waves", method: "POST", token: operator, body: { targetVersion: "5.13.0", instances: {}, approvalPolicy: "ask-every-step" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe("targetVersion");
  });

  it("refuses bad input, duplicates and other roles with a clear 4xx, writing nothing", async () => {
    const snapshot = await snapshotDatabase();
    const cases: [unknown, number, string][] = [
      [{ version: "5.11", databaseChanges: false }, 400, "version"],
      [{ version: "5.11.0-rc1", databaseChanges: false }, 400, "version"],
      [{ version: "5.10.2", databaseChanges: false }, 409, "version"],
      [{ version: "6.0.0", databaseChanges: false, deployRef: "v6.0.0; rm -rf /" }, 400, "deployRef"],
      [{ version: "6.0.0", databaseChanges: false, notesUrl: "javascript:alert(1)" }, 400, "notesUrl"],
      [{ version: "6.0.0", databaseChanges: false, changedSchemas: ["frontend"] }, 400, "changedSchemas"],
      [{ version: "6.0.0" }, 400, "databaseChanges"],
    ];
    for (const [body, status, field] of cases) {
      const r = await add(body);
      expect([r.status, r.body.error.fields?.[0]?.field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect((await add({ version: "6.0.0", databaseChanges: false }, operator)).status).toBe(403);
    expect((await edit("5.6.0", { retired: true }, operator)).status).toBe(403);
    expect((await edit("9.9.9", { retired: true })).status).toBe(404);
    expect((await edit("5.6.0", {})).status).toBe(400);
    expect(await snapshotDatabase()).toEqual(snapshot);
  });

  it("retiring the release an instance runs is refused; an unused one retires, is no target any more, and can be restored", async () => {
    await makeInstance({ version: "5.9.1" });
    const snapshot = await snapshotDatabase();
    const refused = await edit("5.9.1", { retired: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/instance.* run/);
    expect(await snapshotDatabase()).toEqual(snapshot);

    const retired = await edit("5.10.1", { retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body.release).toMatchObject({ version: "5.10.1", retired: true });
    const instance = await makeInstance({ version: "5.10.0" });
    expect((await upgrade(instance.slug, { version: "5.10.1" })).status).toBe(400);
    const restored = await edit("5.10.1", { retired: false, notesUrl: "https://example.com/5.10.1" });
    expect(restored.body.release).toMatchObject({ retired: false, notesUrl: "https://example.com/5.10.1" });
    expect(await db.auditEvent.findMany({ where: { targetType: "release", targetId: "5.10.1" }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([{ action: "release.retire" }, { action: "release.restore" }]);
  });
});
