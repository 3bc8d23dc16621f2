import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { makeActor } from "../testing/factories";
import type { Actor } from "../auth/actor";
import { auditQuerySchema } from "./audit-query";
import { listAuditEvents } from "./list-audit-events";
import { recordAudit } from "./record-audit";
import * as auditRoute from "../../app/api/audit/route";
import { addToken } from "../security/security-fixtures";

const list = (q: Record<string, string>) => listAuditEvents(auditQuerySchema.parse(q));
const actions = async (q: Record<string, string>) => (await list(q)).items.map((e) => e.action);

let alice: Actor;
let bob: Actor;

beforeAll(async () => {
  alice = await makeActor("admin");
  bob = await makeActor("operator");
  const at = (iso: string) => new Date(iso);
  const rows = [
    { actor: alice, action: "user.create", slug: null, at: at("2026-11-01T09:00:00Z") },
    { actor: bob, action: "job.create", slug: "acme", at: at("2026-11-10T09:00:00Z") },
    { actor: bob, action: "job.step.complete", slug: "acme", at: at("2026-11-20T09:00:00Z") },
    { actor: alice, action: "jobx.create", slug: "globex", at: at("2026-11-24T23:59:00Z") },
  ];
  for (const r of rows) {
    await db.auditEvent.create({
      data: { actorEmail: r.actor.email, actorRole: r.actor.role, action: r.action, targetType: "test", instanceSlug: r.slug, params: { n: 1 }, via: "api", at: r.at },
    });
  }
});

describe("listAuditEvents", () => {
  it("lists newest first with the total", async () => {
    const page = await list({});
    expect(page.total).toBe(4);
    expect(page.items.map((e) => e.action)).toEqual(["jobx.create", "job.step.complete", "job.create", "user.create"]);
    expect(page.items[0]).toMatchObject({ actorEmail: alice.email, actorRole: "admin", via: "api", instanceSlug: "globex" });
  });

  it("filters by part of the actor's email, any case", async () => {
    expect(await actions({ actor: bob.email.slice(0, 8).toUpperCase() })).toEqual(["job.step.complete", "job.create"]);
  });

  it("filters by an action or its family, not by a mere prefix", async () => {
    expect(await actions({ action: "job" })).toEqual(["job.step.complete", "job.create"]);
    expect(await actions({ action: "job.create" })).toEqual(["job.create"]);
  });

  it("filters by instance and by dates, `to` covering its whole day", async () => {
    expect(await actions({ instance: "acme" })).toEqual(["job.step.complete", "job.create"]);
    expect(await actions({ from: "2026-11-10", to: "2026-11-24" })).toEqual(["jobx.create", "job.step.complete", "job.create"]);
    expect(await actions({ to: "2026-11-09" })).toEqual(["user.create"]);
  });

  it("pages", async () => {
    const second = await list({ pageSize: "3", page: "2" });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.items.map((e) => e.action)).toEqual(["user.create"]);
  });

  it("is append-only: the database refuses to change or delete an event", async () => {
    await expect(db.auditEvent.updateMany({ data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect((await list({})).total).toBe(4);
  });

  it("records an event inside the caller's transaction: a rolled-back change leaves no trace", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, alice, { action: "rolled.back", targetType: "test" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await actions({ action: "rolled" })).toEqual([]);
  });
});

describe("GET /api/audit", () => {
  it("answers support, refuses viewers, and says what is wrong with a bad filter", async () => {
    const call = async (role: "support" | "viewer", qs: string) => {
      const actor = await makeActor(role);
      const { value } = await addToken(actor.userId);
      return auditRoute.GET(new Request(`http://localhost/api/audit?${qs}`, { headers: { authorization: `Bearer ${value}` } }));
    };
    const ok = await call("support", "instance=acme");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect((await call("viewer", "")).status).toBe(403);
    const bad = await call("support", "pageSize=500");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", message: expect.stringContaining("pageSize must be ≤ 200") } });
  });
});
