import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as waves from "../../app/api/waves/route";
import * as one from "../../app/api/waves/[id]/route";
import * as preview from "../../app/api/waves/preview/route";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeInstance } from "../testing/factories";

let operator: string;
let viewer: string;
const slugs: Record<string, string[]> = {};

beforeAll(async () => {
  operator = await tokenFor("operator");
  viewer = await tokenFor("viewer");
  const make = async (version: string, n: number, status: "active" | "failed" = "active") => {
    for (let k = 0; k < n; k++) {
      const i = await makeInstance({ version, status });
      (slugs[`${version}/${status}`] ??= []).push(i.slug);
    }
  };
  await make("5.9.0", 3);
  await make("5.9.1", 4);
  await make("5.10.2", 1);
  await make("5.9.0", 1, "failed");
});
afterAll(async () => {
  await pool().end();
});

const previewOf = (body: unknown, token = operator) => callRoute(preview.POST, { url: "/api/waves/preview", method: "POST", token, body });

describe("POST /api/waves/preview", () => {
  it("shows every active instance behind the target, oldest first, in batches, and creates nothing", async () => {
    const r = await previewOf({ targetVersion: "5.10.0", instances: {}, batchSize: 3 });
    expect(r.status).toBe(200);
    const p = r.body.preview;
    expect(p.total).toBe(7);
    expect(p.batches).toBe(3);
    expect(p.instances.map((i: { version: string }) => i.version)).toEqual(["5.9.0", "5.9.0", "5.9.0", "5.9.1", "5.9.1", "5.9.1", "5.9.1"]);
    expect(p.instances.map((i: { batch: number }) => i.batch)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(p.fromVersions).toEqual([{ version: "5.9.0", count: 3 }, { version: "5.9.1", count: 4 }]);
    // The failed instance and the one already on a newer release are left out.
    expect(p.instances.map((i: { slug: string }) => i.slug)).not.toContain(slugs["5.9.0/failed"][0]);
    expect(await db.wave.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { targetType: "wave" } })).toBe(0);
  });

  it("narrows to one current version, or to hand-picked instances in the given order", async () => {
    const onlyOld = await previewOf({ targetVersion: "5.10.0", instances: { version: "5.9.1" } });
    expect(onlyOld.body.preview.total).toBe(4);
    expect(onlyOld.body.preview.batches).toBe(1);
    const picked = [slugs["5.9.1/active"][2], slugs["5.9.0/active"][0]];
    const byHand = await previewOf({ targetVersion: "5.10.2", instances: picked, batchSize: 1 });
    expect(byHand.status).toBe(200);
    expect(byHand.body.preview.instances).toEqual([
      { slug: picked[0], version: "5.9.1", batch: 0 },
      { slug: picked[1], version: "5.9.0", batch: 1 },
    ]);
  });

  it("refuses what POST /api/waves would refuse, naming the field", async () => {
    const inPlace = await previewOf({ targetVersion: "5.10.0", instances: {}, strategy: "in-place" });
    expect(inPlace.status).toBe(400);
    expect(inPlace.body.error.fields).toEqual([{ field: "strategy", message: expect.stringContaining("database changes") }]);
    const current = slugs["5.10.2/active"][0];
    const onTarget = await previewOf({ targetVersion: "5.10.2", instances: [current] });
    expect(onTarget.status).toBe(400);
    expect(onTarget.body.error.fields[0]).toMatchObject({ field: "instances", message: `${current}: already on 5.10.2` });
    const nothing = await previewOf({ targetVersion: "5.6.1", instances: {} });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.fields[0]).toMatchObject({ field: "instances", message: "nothing to upgrade" });
    // 5.10.2 has no database change, but going there in place from 5.9.x would skip 5.10.0's.
    const crossing = await previewOf({ targetVersion: "5.10.2", instances: {}, strategy: "in-place" });
    expect(crossing.status).toBe(400);
    expect(crossing.body.error.fields[0]).toMatchObject({ field: "strategy", message: expect.stringContaining("would skip 5.10.0") });
    const badSize = await previewOf({ targetVersion: "5.10.0", instances: {}, batchSize: 0 });
    expect(badSize.body.error.fields[0].field).toBe("batchSize");
  });

  it("is for those who may start waves", async () => {
    expect((await previewOf({ targetVersion: "5.10.0", instances: {} }, viewer)).status).toBe(403);
  });
});

describe("waves as the manager views read them", () => {
  it("lists and shows a wave with counts, ISO times and its instances; its instances cannot join another", async () => {
    const created = await callRoute(waves.POST, { url: "/api/waves", method: "POST", token: operator, body: { targetVersion: "5.10.0", instances: { version: "5.9.0" }, batchSize: 2 } });
    expect(created.status).toBe(201);
    const id = created.body.wave.id;

    const list = await callRoute(waves.GET, { url: "/api/waves", token: viewer });
    expect(list.status).toBe(200);
    const summary = list.body.waves.find((w: { id: string }) => w.id === id);
    expect(summary).toMatchObject({ targetVersion: "5.10.0", strategy: "red-black", batchSize: 2, status: "running", total: 3, counts: { done: 0, running: 0, failed: 0, pending: 3, skipped: 0 }, eta: null, startedAt: null });
    expect(summary.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const detail = await callRoute(one.GET, { url: `/api/waves/${id}`, token: viewer, params: { id } });
    expect(detail.body.wave.instances.map((i: { batch: number; state: string }) => [i.batch, i.state])).toEqual([[0, "pending"], [0, "pending"], [1, "pending"]]);

    const again = await previewOf({ targetVersion: "5.10.0", instances: [slugs["5.9.0/active"][1]] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(slugs["5.9.0/active"][1]);
  });

  it("starts with the approval policy it is given, names the field when the policy is missing (null) or unknown, and asks at every step when omitted", async () => {
    const start = (body: Record<string, unknown>) => callRoute(waves.POST, { url: "/api/waves", method: "POST", token: operator, body: { targetVersion: "5.10.0", ...body } });
    for (const approvalPolicy of [null, "auto-everything"]) {
      const refused = await start({ instances: { version: "5.9.1" }, approvalPolicy });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual([{ field: "approvalPolicy", message: expect.stringContaining("choose an approval policy") }]);
    }
    const chosen = await start({ instances: slugs["5.9.1/active"].slice(0, 2), approvalPolicy: "auto-switch-auto-destroy" });
    expect(chosen.status).toBe(201);
    expect(chosen.body.wave.approvalPolicy).toBe("auto-switch-auto-destroy");
    const omitted = await start({ instances: slugs["5.9.1/active"].slice(2) });
    expect(omitted.body.wave.approvalPolicy).toBe("ask-every-step");
    const list = await callRoute(waves.GET, { url: "/api/waves", token: viewer });
    expect(list.body.waves.find((w: { id: string }) => w.id === chosen.body.wave.id).approvalPolicy).toBe("auto-switch-auto-destroy");
  });
});
