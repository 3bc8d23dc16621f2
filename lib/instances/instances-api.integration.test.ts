import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { seedFleet } from "../demo/seed-demo";
import { callRoute, tokenFor } from "../testing/api-client";
import * as list from "../../app/api/instances/route";
import * as one from "../../app/api/instances/[slug]/route";
import * as ips from "../../app/api/instances/[slug]/ips/route";

let support: string;
let viewer: string;
let fleet: Awaited<ReturnType<typeof seedFleet>>;

beforeAll(async () => {
  fleet = await seedFleet(db, 120);
  support = await tokenFor("support");
  viewer = await tokenFor("viewer");
});

const get = (url: string, token = support) => callRoute(list.GET, { url, token });

describe("GET /api/instances", () => {
  it("pages through the fleet with a total", async () => {
    const r = await get("/api/instances?page=2&pageSize=50");
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(120);
    expect(r.body.page).toBe(2);
    expect(r.body.items).toHaveLength(50);
  });

  it("finds a customer by name, slug or domain, case-insensitively", async () => {
    const target = fleet.find((i) => i.displayName === "Initech")!;
    for (const q of ["initech", "INITECH", target.domain]) {
      const r = await get(`/api/instances?q=${encodeURIComponent(q)}`);
      expect(r.body.items.map((i: { slug: string }) => i.slug)).toContain(target.slug);
    }
  });

  it("finds exactly the customer that owns a pasted NAT or global IP", async () => {
    const target = fleet.find((i) => i.natIps.length === 2)!;
    for (const ip of [...target.natIps, target.globalIp!]) {
      const r = await get(`/api/instances?q=${ip}`);
      expect(r.body.items.map((i: { slug: string }) => i.slug)).toEqual([target.slug]);
    }
  });

  it("filters by status, health and version together", async () => {
    const r = await get("/api/instances?status=active&health=healthy&version=5.10.2&pageSize=200");
    const expected = fleet.filter((i) => i.status === "active" && i.health === "healthy" && i.version === "5.10.2").length;
    expect(r.body.total).toBe(expected);
    for (const i of r.body.items) expect([i.status, i.health, i.version]).toEqual(["active", "healthy", "5.10.2"]);
  });

  it("sorts versions numerically (5.10 after 5.9)", async () => {
    const r = await get("/api/instances?sort=version&dir=desc&pageSize=200");
    const versions: string[] = r.body.items.map((i: { version: string }) => i.version);
    const order = (v: string) => v.split(".").map(Number).reduce((a, n) => a * 1000 + n, 0);
    expect(versions).toEqual([...versions].sort((a, b) => order(b) - order(a)));
  });

  it.each([
    ["pageSize=500", "pageSize"],
    ["page=0", "page"],
    ["status=sleeping", "status"],
    ["sort=password", "sort"],
    ["version=latest;rm", "version"],
  ])("refuses %s with 400 naming the parameter", async (qs, field) => {
    const r = await get(`/api/instances?${qs}`);
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("hides IPs from viewers, and an IP search reveals nothing to them", async () => {
    const target = fleet.find((i) => i.natIps.length === 2)!;
    const all = await get("/api/instances?pageSize=5", viewer);
    expect(all.body.items.every((i: { natIps: string[]; globalIp: string | null }) => i.natIps.length === 0 && i.globalIp === null)).toBe(true);
    const byIp = await get(`/api/instances?q=${target.natIps[0]}`, viewer);
    expect(byIp.body.total).toBe(0);
  });

  it("answers 401 without credentials", async () => {
    expect((await callRoute(list.GET, { url: "/api/instances" })).status).toBe(401);
  });
});

describe("GET /api/instances/{slug} and /ips", () => {
  it("returns every field, and the IPs", async () => {
    const target = fleet.find((i) => i.natIps.length === 2)!;
    const r = await callRoute(one.GET, { url: `/api/instances/${target.slug}`, token: support, params: { slug: target.slug } });
    expect(r.status).toBe(200);
    expect(r.body.instance).toMatchObject({ slug: target.slug, gcpProjectId: target.gcpProjectId, zone: target.zone, natIps: target.natIps });
    const i = await callRoute(ips.GET, { url: `/api/instances/${target.slug}/ips`, token: support, params: { slug: target.slug } });
    expect(i.body).toEqual({ globalIp: target.globalIp, natIps: target.natIps });
  });

  it("answers 404 with a JSON error for an unknown or malformed slug", async () => {
    for (const slug of ["no-such-customer", "../etc/passwd", "a".repeat(300)]) {
      const r = await callRoute(one.GET, { url: `/api/instances/x`, token: support, params: { slug } });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("not_found");
    }
  });

  it("refuses the IP endpoint to viewers", async () => {
    const r = await callRoute(ips.GET, { url: `/api/instances/${fleet[0].slug}/ips`, token: viewer, params: { slug: fleet[0].slug } });
    expect(r.status).toBe(403);
  });
});
