import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as approve from "../../app/api/jobs/[id]/approve/route";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeInstance } from "../testing/factories";

// Destructive approval steps in every kind: the person who started a job may not approve them.
process.env.FOUR_EYES = "destructive";

let starter: { token: string; email: string };
let colleague: string;

beforeAll(async () => {
  const token = await tokenFor("operator");
  const row = await db.apiToken.findFirstOrThrow({ where: { prefix: token.slice(0, 7) }, include: { user: true } });
  starter = { token, email: row.user.email };
  colleague = await tokenFor("operator");
});
afterAll(async () => {
  await pool().end();
});

const actorOf = async (email: string) => {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return { userId: u.id, email, name: u.name, role: u.role, via: "api" as const, sourceIp: null };
};

/** Puts the job where the engine leaves it at an approval: the job and that step waiting. */
async function waitAt(jobId: string, stepKey: string) {
  await db.job.update({ where: { id: jobId }, data: { status: "waiting" } });
  await db.jobStep.updateMany({ where: { jobId, key: stepKey }, data: { status: "waiting" } });
}

const approveAs = (token: string, id: string, step: string) => callRoute(approve.POST, { url: `/api/jobs/${id}/approve`, method: "POST", token, params: { id }, body: { step } });

describe("four-eyes approvals", () => {
  it("refuses the starter's approval of a destructive step with a 403 and its reason, audits the refusal, changes nothing else; a colleague approves", async () => {
    const instance = await makeInstance();
    const job = await createJob(await actorOf(starter.email), { kind: "force-unlock", instanceSlug: instance.slug, params: { root: "red", lockId: "1700000000000000" } });
    await waitAt(job.id, "approve-unlock");

    const refused = await approveAs(starter.token, job.id, "approve-unlock");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/four-eyes: you started this job, so someone else must approve/) });
    const after = await db.job.findUniqueOrThrow({ where: { id: job.id }, include: { steps: { where: { key: "approve-unlock" } } } });
    expect([after.status, after.steps[0].status, after.steps[0].completedBy]).toEqual(["waiting", "waiting", null]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "job.approve.refused", targetId: job.id } });
    expect(audit).toMatchObject({ actorEmail: starter.email, instanceSlug: instance.slug, params: { step: "approve-unlock", reason: expect.stringContaining("four-eyes") } });

    const approved = await approveAs(colleague, job.id, "approve-unlock");
    expect(approved.status).toBe(202);
    const done = await db.jobStep.findFirstOrThrow({ where: { jobId: job.id, key: "approve-unlock" } });
    expect(done.status).toBe("succeeded");
  });

  it("lets the starter approve a step that is not destructive when only destructive steps need four eyes", async () => {
    const job = await createJob(await actorOf(starter.email), { kind: "selftest", params: { approval: true } });
    await waitAt(job.id, "approve");
    expect((await approveAs(starter.token, job.id, "approve")).status).toBe(202);
  });
});
