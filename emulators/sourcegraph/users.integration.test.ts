import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "./server";
import { ADMIN_USER_ID, getInstance, seedInstances, setDatabaseReadOnly } from "./state";

/**
 * The emulator's users as Sourcegraph has them (REALITY.md): `user(username:)` answers null
 * for an unknown name; `randomizeUserPassword` is for site admins, writes (refused by a
 * read-only database), makes the password unknown and answers a reset link on externalURL,
 * or null when builtin sign-in is off (graphqlbackend/randomize_user_password.go).
 */
let emulator: SourcegraphEmulator;
const TOKEN = "sgp_users_test_token";
const NO_BUILTIN = `{ "externalURL": "https://sso.sourcegraph.com", "auth.providers": [{ "type": "openidconnect", "issuer": "https://idp.example" }] }`;

beforeAll(async () => {
  emulator = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await seedInstances(emulator.pool, [
    { slug: "acme", version: "5.10.1", accessTokens: [TOKEN], users: [{ username: "alice", email: "alice@acme.example" }, { username: "bob", email: "bob@acme.example" }] },
    { slug: "sso", version: "5.10.1", accessTokens: [TOKEN + "-sso"], siteConfig: NO_BUILTIN, users: [{ username: "carol", email: "carol@sso.example" }] },
  ]);
});
afterAll(() => emulator?.close());

async function graphql(slug: string, query: string, variables: Record<string, unknown>, token: string | null = TOKEN) {
  const res = await fetch(`${emulator.instanceUrl(slug)}/.api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `token ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: Record<string, any> | null; errors?: Array<{ message: string; path?: string[] }> };
}
const lookUp = (slug: string, username: string, token?: string | null) => graphql(slug, "query U($username: String!) { user(username: $username) { id username siteAdmin } }", { username }, token);
const randomize = (slug: string, user: string, token?: string | null) =>
  graphql(slug, "mutation R($user: ID!) { randomizeUserPassword(user: $user) { resetPasswordURL } }", { user }, token);

describe("users and password resets", () => {
  it("finds a user by exact username (the site admin is User:1), and answers null for nobody", async () => {
    expect((await lookUp("acme", "bob")).data!.user).toMatchObject({ id: Buffer.from("User:3").toString("base64"), username: "bob", siteAdmin: false });
    expect((await lookUp("acme", "sourcegraph-admin")).data!.user).toMatchObject({ id: ADMIN_USER_ID, siteAdmin: true });
    expect(await lookUp("acme", "mallory")).toEqual({ data: { user: null } });
  });

  it("randomizeUserPassword: site admins only; an unknown user is an error", async () => {
    const alice = (await lookUp("acme", "alice")).data!.user.id as string;
    expect((await randomize("acme", alice, null)).errors?.[0]).toMatchObject({ message: "must be site admin", path: ["randomizeUserPassword"] });
    expect((await randomize("acme", Buffer.from("User:99").toString("base64"))).errors?.[0].message).toMatch(/user not found/);
  });

  it("answers a one-time reset link on externalURL, a new code each time", async () => {
    const alice = (await lookUp("acme", "alice")).data!.user.id as string;
    const first = (await randomize("acme", alice)).data!.randomizeUserPassword.resetPasswordURL as string;
    const second = (await randomize("acme", alice)).data!.randomizeUserPassword.resetPasswordURL as string;
    expect(first).toMatch(/^https:\/\/acme\.sourcegraph\.com\/password-reset\?userID=2&code=[0-9a-f]{40}$/);
    expect(second).not.toBe(first);
  });

  it("makes the site admin's password unknown (it is a write: a read-only database refuses it)", async () => {
    const before = (await getInstance(emulator.pool, "acme"))!.admin!.passwordHash;
    expect((await randomize("acme", ADMIN_USER_ID)).data!.randomizeUserPassword.resetPasswordURL).toMatch(/userID=1&/);
    expect((await getInstance(emulator.pool, "acme"))!.admin!.passwordHash).not.toBe(before);
    await setDatabaseReadOnly(emulator.pool, "acme", true);
    expect((await randomize("acme", ADMIN_USER_ID)).errors?.[0].message).toMatch(/read-only transaction/);
    await setDatabaseReadOnly(emulator.pool, "acme", false);
  });

  it("answers no link (null) when builtin sign-in is off", async () => {
    const carol = (await lookUp("sso", "carol", TOKEN + "-sso")).data!.user.id as string;
    expect(await randomize("sso", carol, TOKEN + "-sso")).toEqual({ data: { randomizeUserPassword: { resetPasswordURL: null } } });
  });
});
