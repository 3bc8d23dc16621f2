import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reveal from "../../app/api/instances/[slug]/admin-password/reveal/route";
import * as resetLinks from "../../app/api/instances/[slug]/password-reset-links/route";
import { seedInstance } from "../../emulators/sourcegraph/state";
import { seedEmulatedInstances, startHealthEmulators, type HealthEmulators } from "../../test-support/emulated-fleet";
import { db } from "../db/client";
import { LocalSecretStore } from "../secrets";
import { callRoute, tokenFor } from "../testing/api-client";

/**
 * Customer admin access through the routes, the real secret store and the real Sourcegraph
 * adapter, reaching the emulated instance through the fake gcloud's IAP tunnel.
 */
const SLUG = "acme";
const PASSWORD = "a-generated-admin-password-0123456789!";
const SG_TOKEN = "sgp_customer-access-test-token-0123456789";
let emulators: HealthEmulators;
let tmp: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "customer-access-"));
  process.env.SECRETS_DIR = path.join(tmp, "secrets");
  emulators = await startHealthEmulators(process.env.DATABASE_URL!);
  const [instance] = await seedEmulatedInstances(emulators, [SLUG]);
  await seedInstance(emulators.sourcegraph.pool, { slug: SLUG, version: "5.10.1", accessTokens: [SG_TOKEN], users: [{ username: "alice", email: "alice@acme.example" }] });
  const store = new LocalSecretStore(process.env.SECRETS_DIR);
  const secretRefs = { adminPassword: await store.put(`${SLUG}-admin-password`, PASSWORD), sourcegraphToken: await store.put(`${SLUG}-sourcegraph-token`, SG_TOKEN) };
  await db.instance.update({ where: { id: instance.id }, data: { secretRefs } });
  for (const role of ["admin", "operator", "support", "viewer"] as const) tokens[role] = await tokenFor(role);
}, 120_000);

afterAll(async () => {
  await emulators?.close();
  delete process.env.SECRETS_DIR;
  await fs.rm(tmp, { recursive: true, force: true });
});

const revealAs = (role: string, body: unknown) =>
  callRoute(reveal.POST, { url: `/api/instances/${SLUG}/admin-password/reveal`, method: "POST", token: tokens[role], params: { slug: SLUG }, body });
const resetLinkAs = (role: string, body: unknown) =>
  callRoute(resetLinks.POST, { url: `/api/instances/${SLUG}/password-reset-links`, method: "POST", token: tokens[role], params: { slug: SLUG }, body });
/** The whole row as text (its id is a bigint), to prove what it does not contain. */
const asText = (row: object) => JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
const auditRows = (action: string) => db.auditEvent.findMany({ where: { action, instanceSlug: SLUG }, orderBy: { at: "asc" } });

describe("revealing the sourcegraph-admin password", () => {
  it("is refused (403) to every role but admin, and nothing is audited", async () => {
    for (const role of ["operator", "support", "viewer"]) {
      const r = await revealAs(role, { reason: "ticket 4711: customer locked out" });
      expect(r.status, role).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain(PASSWORD);
    }
    expect(await auditRows("instance.admin-password-revealed")).toEqual([]);
  });

  it("needs a reason (400 naming the field)", async () => {
    for (const body of [{}, { reason: "" }, { reason: "   because  " }]) {
      const r = await revealAs("admin", body);
      expect(r.status).toBe(400);
      expect(r.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["reason"]);
    }
    expect(await auditRows("instance.admin-password-revealed")).toEqual([]);
  });

  it("answers the password, uncacheable, and audits who and why (never the password)", async () => {
    const res = await reveal.POST(
      new Request(`http://localhost/api/instances/${SLUG}/admin-password/reveal`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
        body: JSON.stringify({ reason: "ticket 4711: customer locked out" }),
      }),
      { params: Promise.resolve({ slug: SLUG }) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ username: "sourcegraph-admin", password: PASSWORD });
    const [row] = await auditRows("instance.admin-password-revealed");
    expect(row).toMatchObject({ actorRole: "admin", targetType: "instance", params: { reason: "ticket 4711: customer locked out", username: "sourcegraph-admin" } });
    expect(asText(row)).not.toContain(PASSWORD);
  });
});

describe("a password-reset link for a user of the instance", () => {
  it("is made by Sourcegraph's randomizeUserPassword on the instance's externalURL, for support too; audited without the link", async () => {
    const r = await resetLinkAs("support", { username: "alice", reason: "ticket 4712: alice forgot her password" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ username: "alice", siteAdmin: false });
    expect(r.body.resetPasswordUrl).toMatch(/^https:\/\/acme\.sourcegraph\.com\/password-reset\?userID=2&code=[0-9a-f]{40}$/);
    const [row] = await auditRows("instance.password-reset-link");
    expect(row).toMatchObject({ actorRole: "support", params: { username: "alice", reason: "ticket 4712: alice forgot her password", linkCreated: true } });
    const stored = asText(row);
    expect(stored).not.toContain(r.body.resetPasswordUrl);
    expect(stored).not.toContain(new URL(r.body.resetPasswordUrl).searchParams.get("code"));
    expect(stored).not.toContain(SG_TOKEN);
  }, 60_000);

  it("an unknown user is a 404 that says so, and no link is audited", async () => {
    const before = (await auditRows("instance.password-reset-link")).length;
    const r = await resetLinkAs("operator", { username: "mallory", reason: "ticket 4713: new employee" });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('no user named "mallory"');
    expect(r.body.error.fields).toEqual([{ field: "username", message: expect.any(String) }]);
    expect((await auditRows("instance.password-reset-link")).length).toBe(before);
  }, 60_000);

  it("is refused to viewers (403) and needs a username and a reason (400)", async () => {
    expect((await resetLinkAs("viewer", { username: "alice", reason: "ticket 4714: please" })).status).toBe(403);
    const r = await resetLinkAs("support", { username: "alice" });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["reason"]);
    expect((await resetLinkAs("support", { username: "../etc", reason: "ticket 4714: please" })).body.error.fields[0].field).toBe("username");
  });
});
