import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { ROLES } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { closePool } from "../db/pool";
import { route as wrapRoute } from "../http/route";
import { ROUTE_PERMISSIONS } from "./access-expectations";
import { LEAK_PATTERNS } from "./describe-refusal-problems";
import { discoverRoutes, type DiscoveredRoute } from "./discover-routes";
import { invokeRoute, type InvokeOptions, type RouteResponse } from "./invoke-route";
import { createSecurityFixtures, sampleBody, sampleParams, sampleQuery, type SecurityFixtures } from "./security-fixtures";

process.env.NEXTAUTH_SECRET = "no-leak-secret-5f3a9c1e7b2d4086";

const routes = (await discoverRoutes()).filter((r) => ROUTE_PERMISSIONS[r.key] !== "next-auth");
const FORGED = "mi_forged-0a1b2c3d4e5f60718293a4b5";

let fx: SecurityFixtures;
let cookie: string;
const seen: { label: string; res: RouteResponse }[] = [];

async function call(label: string, route: DiscoveredRoute, opts: InvokeOptions) {
  const res = await invokeRoute(route, opts);
  seen.push({ label: `${label} ${route.key}`, res });
  return res;
}

/** Every value no response may ever contain. */
async function secrets(): Promise<string[]> {
  const hashes = (await db.apiToken.findMany({ select: { tokenHash: true } })).map((t) => t.tokenHash);
  const dbUrl = new URL(process.env.DATABASE_URL!);
  return [
    process.env.NEXTAUTH_SECRET!,
    FORGED,
    cookie.split("=")[1],
    process.env.DATABASE_URL!,
    ...(dbUrl.password ? [dbUrl.password] : []),
    ...ROLES.map((r) => fx.byRole[r].token),
    ...hashes,
  ];
}

beforeAll(async () => {
  fx = await createSecurityFixtures();
  cookie = `next-auth.session-token=${await encode({ token: { email: fx.byRole.admin.email }, secret: process.env.NEXTAUTH_SECRET! })}`;
});
afterAll(async () => {
  await closePool();
});

describe("responses never carry stack traces or secrets", () => {
  it("holds for every route, whoever calls and however", async () => {
    for (const r of routes) {
      const query = sampleQuery(r.key);
      const body = sampleBody(r.key);
      await call("anonymous", r, { params: await sampleParams(r, fx), query, body });
      await call("forged token", r, { params: await sampleParams(r, fx), query, headers: { authorization: `Bearer ${FORGED}` } });
      await call("basic auth", r, { params: await sampleParams(r, fx), query, headers: { authorization: `Basic ${Buffer.from(`admin:${process.env.NEXTAUTH_SECRET}`).toString("base64")}` } });
      await call("cookie, cross-site", r, { params: await sampleParams(r, fx), query, body, headers: { cookie, origin: "https://evil.example" } });
      await call("cookie, same-site", r, { params: await sampleParams(r, fx, fx.byRole.admin), query, body, headers: { cookie, origin: "http://localhost" } });
      await call("NUL in params", r, { params: Object.fromEntries(r.paramNames.map((n) => [n, "x\u0000"])), query, body, headers: { authorization: `Bearer ${fx.byRole.admin.token}` } });
      for (const role of ROLES) {
        const caller = fx.byRole[role];
        await call(role, r, { params: await sampleParams(r, fx, caller), query, body, headers: { authorization: `Bearer ${caller.token}` } });
      }
    }
    const secretValues = await secrets();
    const problems: string[] = [];
    for (const { label, res } of seen) {
      // POST /api/tokens answers with the new token once, by design; it is no one's credential here.
      for (const s of secretValues) if (res.text.includes(s)) problems.push(`${label}: contains a secret (${s.slice(0, 6)}…)`);
      for (const p of LEAK_PATTERNS) if (p.test(res.text)) problems.push(`${label}: matches ${p}`);
      if (res.status >= 500 && !/something went wrong/.test(res.text)) problems.push(`${label}: ${res.status} with a specific message`);
    }
    expect(seen.length).toBeGreaterThan(routes.length * 8);
    expect(problems).toEqual([]);
  });

  it("shows a created token once, then only its prefix", async () => {
    const create = routes.find((r) => r.key === "POST /api/tokens")!;
    const admin = { authorization: `Bearer ${fx.byRole.admin.token}` };
    const created = await invokeRoute(create, { headers: admin, body: { name: "shown once" } });
    expect(created.status).toBe(201);
    const token = (created.json as { token: string }).token;
    expect(token).toMatch(/^mi_/);
    const stored = await db.apiToken.findFirstOrThrow({ where: { name: "shown once" } });
    expect(stored.tokenHash).not.toContain(token);
    for (const r of routes.filter((r) => r.method === "GET")) {
      const res = await invokeRoute(r, { params: await sampleParams(r, fx), query: sampleQuery(r.key), headers: admin });
      expect(res.text, `${r.key} repeats the new token`).not.toContain(token);
      expect(res.text, `${r.key} shows a token hash`).not.toContain(stored.tokenHash);
    }
  });

  it("redacts secret-looking audit parameters in GET /api/audit", async () => {
    const admin = fx.byRole.admin;
    await db.$transaction((tx) =>
      recordAudit(tx, { userId: admin.userId, email: admin.email, name: "a", role: "admin", via: "api", sourceIp: null }, {
        action: "test.redaction",
        targetType: "test",
        params: { password: "hunter2-secret", nested: { apiKey: "key-secret-value" }, list: [{ token: "tok-secret-value" }], visible: "kept" },
      }),
    );
    const audit = routes.find((r) => r.key === "GET /api/audit")!;
    const res = await invokeRoute(audit, { query: "action=test.redaction", headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.text).toContain("kept");
    for (const s of ["hunter2-secret", "key-secret-value", "tok-secret-value"]) expect(res.text).not.toContain(s);
  });

  it("turns an unexpected error into a generic 500 without its message or stack", async () => {
    const failing = wrapRoute({ permission: "fleet:read" }, async () => {
      throw new Error("connect ECONNREFUSED postgres://mi:hunter2@10.0.0.5:5432/prod at /work/main/lib/db/client.ts:12:7");
    });
    const res = await invokeRoute({ key: "GET /test", method: "GET", pattern: "/test", paramNames: [], handler: failing }, {
      headers: { authorization: `Bearer ${fx.byRole.viewer.token}` },
    });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: "internal", message: "something went wrong; the server log has details" } });
  });
});
