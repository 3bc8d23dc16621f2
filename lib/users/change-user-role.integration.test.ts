import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { resetDb } from "../testing/reset-db";
import { makeActor } from "../testing/factories";
import { addToken } from "../security/security-fixtures";
import * as userRoute from "../../app/api/users/[id]/route";
import { changeUserRole } from "./change-user-role";

beforeEach(resetDb);

const roleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;
const roleChanges = () => db.auditEvent.findMany({ where: { action: "user.role-change" }, orderBy: { id: "asc" } });

describe("changeUserRole", () => {
  it("changes the role and audits who, from and to", async () => {
    const admin = await makeActor("admin");
    const vera = await makeActor("viewer");
    const view = await changeUserRole(admin, vera.userId, "operator");
    expect(view.role).toBe("operator");
    expect(await roleOf(vera.userId)).toBe("operator");
    const [event] = await roleChanges();
    expect(event).toMatchObject({ actorEmail: admin.email, actorRole: "admin", targetType: "user", targetId: vera.userId });
    expect(event.params).toEqual({ email: vera.email, from: "viewer", to: "operator" });
  });

  it("refuses to demote the last admin (409) and changes nothing", async () => {
    const admin = await makeActor("admin");
    await expect(changeUserRole(admin, admin.userId, "viewer")).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await roleOf(admin.userId)).toBe("admin");
    expect(await roleChanges()).toEqual([]);
  });

  it("lets an admin step down while another admin remains", async () => {
    const a = await makeActor("admin");
    await makeActor("admin");
    await changeUserRole(a, a.userId, "operator");
    expect(await roleOf(a.userId)).toBe("operator");
  });

  it("never leaves zero admins when two admins demote each other at once", async () => {
    const a = await makeActor("admin");
    const b = await makeActor("admin");
    const results = await Promise.allSettled([changeUserRole(a, b.userId, "viewer"), changeUserRole(b, a.userId, "viewer")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("does nothing, and audits nothing, when the role is unchanged", async () => {
    const admin = await makeActor("admin");
    const o = await makeActor("operator");
    await changeUserRole(admin, o.userId, "operator");
    expect(await roleChanges()).toEqual([]);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    const admin = await makeActor("admin");
    await expect(changeUserRole(admin, "00000000-0000-4000-8000-000000000000", "viewer")).rejects.toMatchObject({ status: 404 });
    await expect(changeUserRole(admin, "not-a-uuid", "viewer")).rejects.toMatchObject({ status: 404 });
  });
});

describe("PATCH /api/users/{id}", () => {
  it("is the same rule over HTTP: 200 for a change, 409 for the last admin, 403 for an operator", async () => {
    const admin = await makeActor("admin");
    const operator = await makeActor("operator");
    const patch = async (token: string, id: string, role: string) =>
      userRoute.PATCH(
        new Request(`http://localhost/api/users/${id}`, { method: "PATCH", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ role }) }),
        { params: Promise.resolve({ id }) },
      );
    const adminToken = (await addToken(admin.userId)).value;
    const ok = await patch(adminToken, operator.userId, "support");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ user: { id: operator.userId, role: "support" } });
    const last = await patch(adminToken, admin.userId, "viewer");
    expect(last.status).toBe(409);
    expect(await last.json()).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("last admin") } });
    const support = await patch((await addToken(operator.userId)).value, admin.userId, "viewer");
    expect(support.status).toBe(403);
  });
});
