import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { resetDb } from "../testing/reset-db";
import { makeActor } from "../testing/factories";
import { addToken } from "../security/security-fixtures";
import * as usersRoute from "../../app/api/users/route";
import { createUser } from "./create-user";
import { createUserBodySchema } from "./user-schemas";

beforeEach(resetDb);
afterEach(() => {
  delete process.env.AUTH_ALLOWED_DOMAIN;
});

const input = (over: Record<string, string> = {}) => createUserBodySchema.parse({ email: "New.Person@Example.com", name: "New Person", role: "support", ...over });

describe("createUser", () => {
  it("adds the user (email lower-cased) and audits it", async () => {
    const admin = await makeActor("admin");
    const user = await createUser(admin, input());
    expect(user).toMatchObject({ email: "new.person@example.com", name: "New Person", role: "support" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create" } });
    expect(event).toMatchObject({ actorEmail: admin.email, targetId: user.id });
    expect(event.params).toEqual({ email: "new.person@example.com", name: "New Person", role: "support" });
  });

  it("refuses a second user with the same email, in any case (409)", async () => {
    const admin = await makeActor("admin");
    await createUser(admin, input());
    await expect(createUser(admin, input({ email: "NEW.PERSON@example.com" }))).rejects.toMatchObject({ status: 409 });
    expect(await db.auditEvent.count({ where: { action: "user.create" } })).toBe(1);
  });

  it("refuses an address outside AUTH_ALLOWED_DOMAIN, which could never sign in", async () => {
    process.env.AUTH_ALLOWED_DOMAIN = "sourcegraph.com";
    const admin = await makeActor("admin");
    await expect(createUser(admin, input())).rejects.toMatchObject({ status: 400 });
    await expect(createUser(admin, input({ email: "ok@sourcegraph.com" }))).resolves.toMatchObject({ email: "ok@sourcegraph.com" });
  });
});

describe("POST /api/users", () => {
  it("answers 201 with the user for an admin, 403 for an operator", async () => {
    const post = async (token: string, body: unknown) =>
      usersRoute.POST(new Request("http://localhost/api/users", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    const admin = await makeActor("admin");
    const created = await post((await addToken(admin.userId)).value, { email: "x@example.com", name: "X", role: "viewer" });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ user: { email: "x@example.com", role: "viewer" } });
    const operator = await makeActor("operator");
    expect((await post((await addToken(operator.userId)).value, { email: "y@example.com", name: "Y", role: "admin" })).status).toBe(403);
    expect(await db.user.count({ where: { email: "y@example.com" } })).toBe(0);
  });
});
