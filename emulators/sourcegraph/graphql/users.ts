import { randomBytes } from "node:crypto";
import { parseJsoncObject } from "../../../lib/sourcegraph/jsonc/parse-jsonc";
import { hashPassword } from "../credentials";
import { databaseTarget } from "../deployment-ref";
import type { Db, EmulatedInstance } from "../instance-record";
import { fieldArguments } from "./field-arguments";
import { GraphqlError, READ_ONLY_MESSAGE } from "./graphql-error";

export interface UserNode {
  id: string;
  databaseID: number;
  username: string;
  email: string;
  siteAdmin: boolean;
}

const userId = (n: number) => Buffer.from(`User:${n}`).toString("base64");

/** Every user of the instance: the site admin is User:1, the customer's users follow. */
export function usersOf(instance: EmulatedInstance): UserNode[] {
  const admin = instance.admin ? [{ id: userId(1), databaseID: 1, username: instance.admin.username, email: instance.admin.email, siteAdmin: true }] : [];
  return [...admin, ...instance.users.map((u) => ({ id: userId(u.id), databaseID: u.id, username: u.username, email: u.email, siteAdmin: false }))];
}

/** `user(username:)`: the user, or null (no error) when nobody has that name, as Sourcegraph answers. */
export function userByUsername(query: string, instance: EmulatedInstance, variables: Record<string, unknown>): UserNode | null {
  const username = fieldArguments(query, "user", variables)?.username;
  if (typeof username !== "string") throw new GraphqlError("user: an argument username (String) is required", ["user"]);
  return usersOf(instance).find((u) => u.username === username) ?? null;
}

/**
 * `randomizeUserPassword(user: ID!): RandomizeUserPasswordResult!`: site admins only (checked
 * by the caller), the password replaced by a random one (a write: a read-only database refuses
 * it), and `resetPasswordURL` = externalURL + `/password-reset?userID=<n>&code=<code>`, or null
 * when builtin (username/password) sign-in is not enabled: Sourcegraph's
 * `userpasswd.ResetPasswordEnabled()`.
 */
export async function randomizeUserPassword(db: Db, instance: EmulatedInstance, query: string, variables: Record<string, unknown>) {
  const path = ["randomizeUserPassword"];
  const id = fieldArguments(query, "randomizeUserPassword", variables)?.user;
  const user = usersOf(instance).find((u) => u.id === id);
  if (!user) throw new GraphqlError(`user not found: ${JSON.stringify(id)}`, path);
  if (instance.databaseReadOnly) throw new GraphqlError(READ_ONLY_MESSAGE, path);
  if (!instance.database) throw new GraphqlError("failed to connect to the database", path);
  // Only the site admin's password is modelled (site-init set it); randomizing it makes it unknown.
  if (user.siteAdmin && instance.admin) {
    const t = databaseTarget(instance.database);
    const admin = { ...instance.admin, passwordHash: hashPassword(randomBytes(24).toString("base64url")) };
    await db.query(`UPDATE ${t.table} SET admin = $${t.next}, updated_at = now() WHERE ${t.where}`, [...t.params, JSON.stringify(admin)]);
  }
  const config = safeParse(instance.siteConfig.contents);
  const builtin = Array.isArray(config["auth.providers"]) && config["auth.providers"].some((p) => (p as { type?: unknown })?.type === "builtin");
  if (!builtin) return { randomizeUserPassword: { resetPasswordURL: null } };
  const externalURL = typeof config.externalURL === "string" ? config.externalURL.replace(/\/+$/, "") : "http://example.com";
  const code = randomBytes(20).toString("hex");
  return { randomizeUserPassword: { resetPasswordURL: `${externalURL}/password-reset?userID=${user.databaseID}&code=${code}` } };
}

function safeParse(text: string): Record<string, unknown> {
  try {
    return parseJsoncObject(text);
  } catch {
    return {};
  }
}
