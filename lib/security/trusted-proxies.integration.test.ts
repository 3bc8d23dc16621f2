import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { db } from "../db/client";
import { closePool } from "../db/pool";
import { CHECKS_PER_INSTANCE_PER_MINUTE } from "../health/check-instance-now";
import { REQUESTS_PER_MINUTE } from "../http/route";
import { PEER_ADDRESS_HEADER } from "../http/trust-proxy";
import { makeInstance } from "../testing/factories";
import { discoverRoutes, type DiscoveredRoute } from "./discover-routes";
import { invokeRoute } from "./invoke-route";
import { createCredential, type Credential } from "./security-fixtures";

// TRUST_PROXY is unset here: no forwarding header may be believed.
delete process.env.TRUST_PROXY;
process.env.NEXTAUTH_SECRET = "trusted-proxies-secret-0123456789abcdef";
process.env.HEALTH_CHECK_TIMEOUT_MS = "2000";

const routes = await discoverRoutes();
const routeFor = (key: string): DiscoveredRoute => routes.find((r) => r.key === key)!;
const sessionCookie = async (email: string) => `next-auth.session-token=${await encode({ token: { email, name: "x" }, secret: process.env.NEXTAUTH_SECRET! })}`;

let admin: Credential;
beforeAll(async () => {
  admin = await createCredential("admin");
});
afterAll(async () => {
  await closePool();
});

describe("forwarding headers from a client that is not a configured proxy", () => {
  const forged = { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example", "x-real-ip": "7.7.7.7" };

  it("the audit trail records the socket's address, not X-Forwarded-For", async () => {
    const res = await invokeRoute(routeFor("POST /api/tokens"), {
      headers: { authorization: `Bearer ${admin.token}`, [PEER_ADDRESS_HEADER]: "203.0.113.9", ...forged },
      body: { name: "proxy test" },
    });
    expect(res.status, res.text).toBe(201);
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorEmail: admin.email, action: "token.create" }, orderBy: { at: "desc" } });
    expect(event.sourceIp).toBe("203.0.113.9");
  });

  it("the CSRF check compares Origin with Host, not with a forged X-Forwarded-Host", async () => {
    const cookie = await sessionCookie(admin.email);
    const res = await invokeRoute(routeFor("POST /api/tokens"), {
      headers: { cookie, origin: "https://evil.example", [PEER_ADDRESS_HEADER]: "203.0.113.9", ...forged },
      body: { name: "cross-site" },
    });
    expect(res.status, res.text).toBe(403);
    expect(await db.apiToken.count({ where: { name: "cross-site" } })).toBe(0);
  });
});

describe("rate limits", () => {
  it("limit a browser session as they limit a token", async () => {
    const viewer = await createCredential("viewer");
    const cookie = await sessionCookie(viewer.email);
    const list = routeFor("GET /api/tokens");
    const statuses = new Map<number, number>();
    for (let i = 0; i <= REQUESTS_PER_MINUTE; i++) {
      const { status } = await invokeRoute(list, { headers: { cookie } });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS_PER_MINUTE, 429: 1 });
    // Another user is not affected.
    expect((await invokeRoute(list, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
  });

  it("'Check now' is limited per instance, whoever asks, because each check runs SSH", async () => {
    const instance = await makeInstance();
    const other = await createCredential("operator");
    const check = routeFor("POST /api/instances/[slug]/health-check");
    const callers = [admin, other];
    const statuses: number[] = [];
    for (let i = 0; i <= CHECKS_PER_INSTANCE_PER_MINUTE; i++) {
      const caller = callers[i % 2];
      statuses.push((await invokeRoute(check, { params: { slug: instance.slug }, headers: { authorization: `Bearer ${caller.token}` } })).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 200), `statuses ${statuses}`).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another instance can still be checked.
    const second = await makeInstance();
    expect((await invokeRoute(check, { params: { slug: second.slug }, headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
  });
});
