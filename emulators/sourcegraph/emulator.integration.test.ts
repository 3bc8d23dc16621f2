import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "./server";
import { getInstance, seedInstances, setFaults, SITE_ID } from "./state";

let emulator: SourcegraphEmulator;
const TOKEN = "sgp_seeded_token_for_acme";

beforeAll(async () => {
  emulator = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await seedInstances(emulator.pool, [
    { slug: "acme", version: "5.10.1", accessTokens: [TOKEN] },
    { slug: "fresh", version: "5.10.2", needsSiteInit: true },
    { slug: "other", version: "5.9.0", accessTokens: ["sgp_other"] },
  ]);
});
afterAll(() => emulator?.close());

function getWithHost(path: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: emulator.port, path, headers: { host } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve(text));
      })
      .on("error", reject);
  });
}

async function graphql(slug: string, body: unknown, headers: Record<string, string> = { authorization: `token ${TOKEN}` }) {
  const res = await fetch(`${emulator.instanceUrl(slug)}/.api/graphql`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as any) : await res.text() };
}

describe("Sourcegraph emulator over HTTP", () => {
  it("serves each instance under /i/<slug> and by Host header", async () => {
    expect(await (await fetch(`${emulator.instanceUrl("acme")}/__version`)).text()).toBe("5.10.1");
    expect(await (await fetch(`${emulator.instanceUrl("other")}/__version`)).text()).toBe("5.9.0");
    // fetch() may not set Host; a plain http request does, as a load balancer would.
    expect(await getWithHost("/__version", "other.sourcegraph.com")).toBe("5.9.0");
    expect((await fetch(`${emulator.instanceUrl("nobody")}/healthz`)).status).toBe(404);
    expect(await (await fetch(`${emulator.url}/healthz`)).text()).toBe("ok");
  });

  it("guards site-init with the CSRF header and answers 409 once initialised", async () => {
    const body = JSON.stringify({ email: "a@b.c", username: "admin", password: "correct horse battery" });
    const noHeader = await fetch(`${emulator.instanceUrl("fresh")}/-/site-init`, { method: "POST", body });
    expect(noHeader.status).toBe(403);
    const short = await fetch(`${emulator.instanceUrl("fresh")}/-/site-init`, {
      method: "POST",
      headers: { "x-requested-with": "Sourcegraph" },
      body: JSON.stringify({ email: "a@b.c", username: "admin", password: "short" }),
    });
    expect(short.status).toBe(400);
    const done = await fetch(`${emulator.instanceUrl("acme")}/-/site-init`, { method: "POST", headers: { "x-requested-with": "Sourcegraph" }, body });
    expect(done.status).toBe(409);
    expect(await done.text()).toMatch(/already initialized/);
  });

  it("rejects unknown tokens with 401 and a token of another instance", async () => {
    expect((await graphql("acme", { query: "query { currentUser { id } }" }, { authorization: "token nope" })).status).toBe(401);
    expect((await graphql("acme", { query: "query { currentUser { id } }" }, { authorization: "token sgp_other" })).status).toBe(401);
    const anonymous = await graphql("acme", { query: "query { currentUser { id } }" }, {});
    expect(anonymous.body).toEqual({ data: { currentUser: null } });
    const denied = await graphql("acme", { query: "query { site { configuration { id } } }" }, {});
    expect(denied.body.errors[0].message).toBe("must be site admin");
  });

  it("increments the site configuration id and refuses a stale lastID", async () => {
    const read = await graphql("acme", { query: "query { site { configuration { id effectiveContents } } }" });
    const { id, effectiveContents } = read.body.data.site.configuration;
    const update = (lastID: number) =>
      graphql("acme", {
        query: "mutation U($lastID: Int!, $input: String!) { updateSiteConfiguration(lastID: $lastID, input: $input) }",
        variables: { lastID, input: effectiveContents.replace("}", `,"disableBuiltInSearches": false}`) },
      });
    expect((await update(id)).body).toEqual({ data: { updateSiteConfiguration: false } });
    expect((await update(id)).body.errors[0].message).toBe("someone else has already applied a newer edit");
    expect((await getInstance(emulator.pool, "acme"))!.siteConfig.id).toBe(id + 1);
  });

  it("refuses a stale settings lastID with Sourcegraph's wording, and writes while read-only", async () => {
    const overwrite = (lastID: number | null) =>
      graphql("acme", {
        query: `mutation O($subject: ID!, $lastID: Int, $contents: String!) {
          settingsMutation(input: { subject: $subject, lastID: $lastID }) { overwriteSettings(contents: $contents) { empty { alwaysNil } } } }`,
        variables: { subject: SITE_ID, lastID, contents: "{}" },
      });
    expect((await overwrite(null)).body.data.settingsMutation.overwriteSettings.empty.alwaysNil).toBeNull();
    expect((await overwrite(null)).body.errors[0].message).toBe("update settings version mismatch: last ID is 1 (mutation wanted null)");
    await emulator.pool.query("UPDATE sourcegraph_emulator.instance SET db_read_only = true WHERE slug = 'acme'");
    expect((await overwrite(1)).body.errors[0].message).toBe("pq: cannot execute INSERT in a read-only transaction");
    await emulator.pool.query("UPDATE sourcegraph_emulator.instance SET db_read_only = false WHERE slug = 'acme'");
  });

  it("answers 502 everywhere while the frontend is failing", async () => {
    await setFaults(emulator.pool, "other", { frontendDown: true });
    const res = await fetch(`${emulator.instanceUrl("other")}/healthz`);
    expect(res.status).toBe(502);
    await setFaults(emulator.pool, "other", { frontendDown: false, reportedVersion: "5.8.0" });
    expect((await fetch(`${emulator.instanceUrl("other")}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${emulator.instanceUrl("other")}/__version`)).text()).toBe("5.8.0");
  });

  it("accepts inline GraphQL literals too", async () => {
    const res = await graphql("acme", { query: `query { site { id latestSettings { id contents } } }` });
    expect(res.body.data.site).toMatchObject({ id: SITE_ID, latestSettings: { id: 1, contents: "{}" } });
  });
});
