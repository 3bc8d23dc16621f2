import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { makeActor } from "../testing/factories";
import { addToken } from "../security/security-fixtures";
import * as tokensRoute from "../../app/api/tokens/route";
import * as tokenRoute from "../../app/api/tokens/[id]/route";
import { MAX_ACTIVE_TOKENS } from "./api-tokens";

const headers = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const create = (token: string, name: string) =>
  tokensRoute.POST(new Request("http://localhost/api/tokens", { method: "POST", headers: headers(token), body: JSON.stringify({ name }) }));
const list = async (token: string) => tokensRoute.GET(new Request("http://localhost/api/tokens", { headers: headers(token) }));
const revoke = (token: string, id: string) =>
  tokenRoute.DELETE(new Request(`http://localhost/api/tokens/${id}`, { method: "DELETE", headers: headers(token) }), { params: Promise.resolve({ id }) });

async function userWithToken(role: "viewer" | "operator" = "viewer") {
  const actor = await makeActor(role);
  return { actor, token: (await addToken(actor.userId)).value };
}

describe("API tokens over HTTP", () => {
  it("creates a token shown once, which then authenticates, lists without secrets and can be revoked", async () => {
    const { actor, token } = await userWithToken();
    const res = await create(token, "ci-deploy");
    expect(res.status).toBe(201);
    const { token: fresh, item } = (await res.json()) as { token: string; item: { id: string; name: string; prefix: string } };
    expect(fresh.startsWith(item.prefix)).toBe(true);

    const listed = await list(fresh);
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(fresh);
    expect(text).not.toMatch(/tokenHash|token_hash/);
    expect(JSON.parse(text).items.map((t: { name: string }) => t.name)).toEqual(["ci-deploy", "security test"]);

    expect((await revoke(token, item.id)).status).toBe(204);
    expect((await list(fresh)).status).toBe(401);
    expect((await revoke(token, item.id)).status).toBe(409);

    const events = await db.auditEvent.findMany({ where: { actorEmail: actor.email }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.targetId, e.via])).toEqual([
      ["token.create", item.id, "api"],
      ["token.revoke", item.id, "api"],
    ]);
    expect(JSON.stringify(events.map((e) => e.params))).not.toContain(fresh);
  });

  it("cannot revoke, or see, another user's token", async () => {
    const a = await userWithToken();
    const b = await userWithToken("operator");
    const bTokenId = (await db.apiToken.findFirstOrThrow({ where: { userId: b.actor.userId } })).id;
    expect((await revoke(a.token, bTokenId)).status).toBe(404);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: bTokenId } })).revokedAt).toBeNull();
    const seen = (await (await list(a.token)).json()) as { items: { id: string }[] };
    expect(seen.items.map((t) => t.id)).not.toContain(bTokenId);
  });

  it(`caps active tokens at ${MAX_ACTIVE_TOKENS} per user`, async () => {
    const { actor, token } = await userWithToken();
    for (let i = 1; i < MAX_ACTIVE_TOKENS; i++) await addToken(actor.userId, `t${i}`);
    const res = await create(token, "one too many");
    expect(res.status).toBe(409);
    expect(await db.apiToken.count({ where: { userId: actor.userId } })).toBe(MAX_ACTIVE_TOKENS);
  });
});
