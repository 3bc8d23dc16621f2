import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { db } from "../db/client";
import { closePool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { makeActor } from "../testing/factories";
import { discoverRoutes, type DiscoveredRoute } from "./discover-routes";
import { invokeRoute } from "./invoke-route";
import { createCredential, type Credential } from "./security-fixtures";

process.env.NEXTAUTH_SECRET = "empty-body-actions-secret-0123456789abcdef";

const routes = await discoverRoutes();
const routeFor = (key: string): DiscoveredRoute => routes.find((r) => r.key === key)!;

let operator: Credential;
let cookie: string;
beforeAll(async () => {
  operator = await createCredential("operator");
  cookie = `next-auth.session-token=${await encode({ token: { email: operator.email, name: "operator" }, secret: process.env.NEXTAUTH_SECRET! })}`;
});
afterAll(async () => {
  await closePool();
});

/** A self-test job put in the state an action needs (no worker runs in this file). */
async function jobIn(state: "waiting-approval" | "waiting-human" | "failed" | "queued") {
  const actor = await makeActor("operator");
  const job = await createJob(actor, { kind: "selftest", params: { approval: true, human: true } });
  if (state === "queued") return job.id;
  const waitingKey = state === "waiting-approval" ? "approve" : "human";
  await db.jobStep.updateMany({ where: { jobId: job.id, key: { in: ["print", "sleep"] } }, data: { status: "succeeded" } });
  if (state === "waiting-human") await db.jobStep.updateMany({ where: { jobId: job.id, key: "approve" }, data: { status: "succeeded" } });
  await db.jobStep.updateMany({ where: { jobId: job.id, key: waitingKey }, data: { status: state === "failed" ? "failed" : "waiting" } });
  await db.job.update({ where: { id: job.id }, data: { status: state === "failed" ? "failed" : "waiting" } });
  return job.id;
}

const ACTIONS = [
  { key: "POST /api/jobs/[id]/approve", state: "waiting-approval", params: {} },
  { key: "POST /api/jobs/[id]/steps/[key]/complete", state: "waiting-human", params: { key: "human" } },
  { key: "POST /api/jobs/[id]/cancel", state: "queued", params: {} },
  { key: "POST /api/jobs/[id]/retry", state: "failed", params: {} },
] as const;

describe("job actions with an empty body (curl -X POST -H 'Authorization: Bearer …')", () => {
  it.each(ACTIONS)("$key accepts a bearer token with no body and no Content-Type", async ({ key, state, params }) => {
    const id = await jobIn(state);
    const res = await invokeRoute(routeFor(key), { params: { id, ...params }, headers: { authorization: `Bearer ${operator.token}` }, emptyBody: true });
    expect(res.status, res.text).toBe(202);
  });

  it.each(ACTIONS)("$key with a session cookie still needs this site's Origin", async ({ key, state, params }) => {
    const id = await jobIn(state);
    for (const origin of [undefined, "https://evil.example"]) {
      const refused = await invokeRoute(routeFor(key), { params: { id, ...params }, headers: { cookie, ...(origin ? { origin } : {}) }, emptyBody: true });
      expect(refused.status, `Origin ${origin ?? "(none)"}: ${refused.text}`).toBe(403);
    }
    const accepted = await invokeRoute(routeFor(key), { params: { id, ...params }, headers: { cookie, origin: "http://localhost" }, emptyBody: true });
    expect(accepted.status, accepted.text).toBe(202);
  });

  it("still refuses a body with content that does not say it is JSON", async () => {
    const id = await jobIn("waiting-approval");
    const res = await invokeRoute(routeFor("POST /api/jobs/[id]/approve"), {
      params: { id },
      headers: { authorization: `Bearer ${operator.token}`, "content-type": "text/plain" },
      rawBody: '{"step":"approve"}',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Content-Type must be application/json");
  });
});
