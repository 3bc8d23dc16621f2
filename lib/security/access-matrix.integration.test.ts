import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { ROLES, can, type Permission } from "../auth/permissions";
import { closePool } from "../db/pool";
import { PLANNED_ROUTES, ROUTE_PERMISSIONS, isExempt } from "./access-expectations";
import { discoverRoutes } from "./discover-routes";
import { invokeRoute, type RouteResponse } from "./invoke-route";
import { createSecurityFixtures, sampleBody, sampleParams, sampleQuery, type SecurityFixtures } from "./security-fixtures";
import { snapshotDatabase } from "./snapshot-database";

process.env.NEXTAUTH_SECRET = "access-matrix-secret-0123456789abcdef";

const routes = await discoverRoutes();
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const errorCode = (r: RouteResponse) => (r.json as { error?: { code?: string } } | null)?.error?.code;

let fx: SecurityFixtures;
beforeAll(async () => {
  fx = await createSecurityFixtures();
});
afterAll(async () => {
  await closePool();
});

describe("access matrix: every API route × anonymous, bad token and each role", () => {
  it("answers exactly as lib/auth/permissions.ts says", async () => {
    expect(routes.length, "no route modules were discovered under app/api").toBeGreaterThan(5);
    const undeclared = routes.filter((r) => !(r.key in ROUTE_PERMISSIONS)).map((r) => r.key);
    expect(undeclared, "routes with no entry in lib/security/access-expectations.ts: decide who may call them").toEqual([]);
    const discovered = new Set(routes.map((r) => r.key));
    const stale = Object.keys(ROUTE_PERMISSIONS).filter((k) => !discovered.has(k) && !PLANNED_ROUTES.has(k));
    expect(stale, "entries in access-expectations.ts whose route no longer exists").toEqual([]);

    const failures: string[] = [];
    const check = (ok: boolean, what: string, r: RouteResponse) => {
      if (!ok) failures.push(`${what}: got ${r.status} ${r.text.slice(0, 200)}`);
    };
    for (const route of routes) {
      const required = ROUTE_PERMISSIONS[route.key];
      if (required === "next-auth") continue; // next-auth's own sign-in endpoints: public by design
      const query = sampleQuery(route.key);

      const anonymous = await invokeRoute(route, { params: await sampleParams(route, fx), query, body: sampleBody(route.key) });
      if (required === "public") {
        check(anonymous.status < 400, `${route.key} as anonymous should be public`, anonymous);
        continue;
      }
      check(anonymous.status === 401 && errorCode(anonymous) === "unauthenticated", `${route.key} as anonymous should be 401`, anonymous);

      const forged = await invokeRoute(route, { params: await sampleParams(route, fx), query, headers: { authorization: "Bearer mi_forged-token-value" } });
      check(forged.status === 401, `${route.key} with an unknown token should be 401`, forged);

      for (const role of ROLES) {
        const caller = fx.byRole[role];
        const res = await invokeRoute(route, {
          params: await sampleParams(route, fx, caller),
          query,
          headers: { authorization: `Bearer ${caller.token}` },
          body: sampleBody(route.key),
        });
        if (can(role, required as Permission)) {
          check(res.status !== 401 && res.status !== 403 && res.status < 500, `${route.key} as ${role} should be allowed (${required})`, res);
        } else {
          check(res.status === 403 && errorCode(res) === "forbidden", `${route.key} as ${role} should be 403 (needs ${required})`, res);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses a cookie-session mutation that does not come from this origin, and changes nothing", async () => {
    const session = await encode({ token: { email: fx.byRole.admin.email, name: "admin" }, secret: process.env.NEXTAUTH_SECRET! });
    const cookie = `next-auth.session-token=${session}`;
    const tokens = routes.find((r) => r.key === "GET /api/tokens")!;
    expect((await invokeRoute(tokens, { headers: { cookie } })).status, "the session cookie itself is accepted").toBe(200);

    const mutations = routes.filter((r) => MUTATING.has(r.method) && !isExempt(r.key));
    expect(mutations.length).toBeGreaterThan(3);
    const before = await snapshotDatabase();
    const failures: string[] = [];
    for (const route of mutations) {
      for (const origin of [undefined, "https://evil.example", "http://localhost.evil.example", "null"]) {
        const headers: Record<string, string> = { cookie, ...(origin ? { origin } : {}) };
        const res = await invokeRoute(route, { params: await sampleParams(route, fx), headers, body: sampleBody(route.key) });
        if (res.status !== 403) failures.push(`${route.key} with Origin ${origin ?? "(none)"}: got ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // sampleParams may add a spare token for DELETE /api/tokens/[id]: with no caller it does not.
    expect(await snapshotDatabase()).toEqual(before);

    const create = routes.find((r) => r.key === "POST /api/tokens")!;
    const sameOrigin = await invokeRoute(create, { headers: { cookie, origin: "http://localhost" }, body: { name: "from the ui" } });
    expect(sameOrigin.status, "a same-origin cookie mutation is accepted").toBe(201);
  });

  it("applies a role change and a revocation on the very next request", async () => {
    const users = routes.find((r) => r.key === "GET /api/users")!;
    const subject = await createSecurityFixtures().then((f) => f.byRole.admin);
    const asSubject = { headers: { authorization: `Bearer ${subject.token}` } };
    expect((await invokeRoute(users, asSubject)).status).toBe(200);

    const patch = routes.find((r) => r.key === "PATCH /api/users/[id]")!;
    const demoted = await invokeRoute(patch, { params: { id: subject.userId }, headers: { authorization: `Bearer ${fx.byRole.admin.token}` }, body: { role: "viewer" } });
    expect(demoted.status).toBe(200);
    expect((await invokeRoute(users, asSubject)).status).toBe(403);

    const revoke = routes.find((r) => r.key === "DELETE /api/tokens/[id]")!;
    const list = await invokeRoute(tokensRoute(), asSubject);
    const own = (list.json as { items: { id: string }[] }).items[0];
    expect((await invokeRoute(revoke, { params: { id: own.id }, ...asSubject })).status).toBe(204);
    expect((await invokeRoute(tokensRoute(), asSubject)).status).toBe(401);
  });
});

function tokensRoute() {
  return routes.find((r) => r.key === "GET /api/tokens")!;
}
