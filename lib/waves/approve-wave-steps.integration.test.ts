import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as approvals from "../../app/api/waves/[id]/approvals/route";
import { hashToken } from "../auth/api-tokens";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { callRoute, tokenFor } from "../testing/api-client";
import { makeActor, makeInstance } from "../testing/factories";
import { advanceWave } from "./advance-wave";
import { createWave } from "./create-wave";
import { getWave } from "./get-wave";

let operator: string;
let operatorEmail: string;
let waveId: string;
/** The wave's upgrade jobs in wave order, with their instances. */
let jobs: { jobId: string; slug: string }[];

/**
 * A red/black wave of five whose first batch has started (no worker: the test puts each
 * upgrade where the engine would stop it, waiting on an approval).
 */
beforeAll(async () => {
  operator = await tokenFor("operator");
  operatorEmail = (await db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(operator) }, include: { user: true } })).user.email;
  const instances = [];
  for (let n = 0; n < 5; n++) instances.push(await makeInstance({ version: "5.10.1" }));
  const created = await createWave(await makeActor("operator"), { targetVersion: "5.10.2", strategy: "red-black", approvalPolicy: "auto-switch-ask-destroy", batchSize: 5, instances: instances.map((i) => i.slug) });
  waveId = created.id;
  await advanceWave(waveId);
  jobs = (await getWave(waveId, { includeIps: true })).instances.map((i) => ({ jobId: i.jobId!, slug: i.slug }));
});
afterAll(async () => {
  await pool().end();
});

/** Where the engine leaves a job that reached an approval step: the step and the job waiting. */
async function waitOn(jobId: string, stepKey: string) {
  await db.jobStep.updateMany({ where: { jobId, key: stepKey }, data: { status: "waiting" } });
  await db.job.update({ where: { id: jobId }, data: { status: "waiting" } });
}

const approve = (body: unknown, token = operator, id = waveId) =>
  callRoute(approvals.POST, { url: `/api/waves/${id}/approvals`, method: "POST", token, params: { id }, body });

describe("POST /api/waves/{id}/approvals", () => {
  it("approves every upgrade of the wave waiting on the step, each on its own and audited per instance", async () => {
    const [a, b, plan, queued] = jobs;
    await waitOn(a.jobId, "approve-destroy");
    await waitOn(b.jobId, "approve-destroy");
    await waitOn(plan.jobId, "approve-plan");
    // A job of another wave (or none) waiting on the same step is not this wave's to approve.
    const outsider = await makeInstance({ version: "5.10.1" });
    const other = await db.job.create({ data: { kind: "upgrade", instanceId: outsider.id, params: { version: "5.10.2" }, createdBy: "x@example.com", status: "waiting", steps: { create: [{ position: 0, key: "approve-destroy", name: "Approve destroying", kind: "approval", status: "waiting" }] } } });

    const r = await approve({ stepKey: "approve-destroy" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ approved: [a.jobId, b.jobId], skipped: [] });

    for (const { jobId, slug } of [a, b]) {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { where: { key: "approve-destroy" } } } });
      expect(job.status).toBe("queued");
      expect(job.steps[0]).toMatchObject({ status: "succeeded", completedBy: operatorEmail });
      const audit = await db.auditEvent.findMany({ where: { targetId: jobId, action: "job.approve" } });
      expect(audit).toEqual([expect.objectContaining({ actorEmail: operatorEmail, instanceSlug: slug, params: { kind: "upgrade", step: "approve-destroy" } })]);
      const log = await db.jobLog.findMany({ where: { jobId }, select: { line: true } });
      expect(log.map((l) => l.line).join("\n")).toContain(`approved by ${operatorEmail}`);
    }
    // Untouched: the plan, the upgrade not yet at an approval, the outsider.
    expect((await db.job.findUniqueOrThrow({ where: { id: plan.jobId } })).status).toBe("waiting");
    expect((await db.job.findUniqueOrThrow({ where: { id: queued.jobId } })).status).toBe("queued");
    expect((await db.job.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("waiting");

    // Nothing waits on the destroy any more: nothing to do.
    expect((await approve({ stepKey: "approve-destroy" })).body).toEqual({ approved: [], skipped: [] });
    // A plan is approved in bulk only when asked for by name.
    expect((await approve({ stepKey: "approve-plan" })).body).toEqual({ approved: [plan.jobId], skipped: [] });
  });

  it("approves only the listed jobs; a stale page's job that moved on gets a 409 of its own, and is not approved at another step", async () => {
    const [a, b, c, d, e] = jobs;
    await db.job.updateMany({ where: { id: { in: [a.jobId, b.jobId, c.jobId] } }, data: { status: "running" } });
    await waitOn(c.jobId, "approve-switch");
    await waitOn(d.jobId, "approve-switch");
    await waitOn(e.jobId, "approve-switch");
    // a moved on (approved earlier), b waits on another step, a stranger id is not in the wave.
    await waitOn(b.jobId, "approve-destroy");
    await db.jobStep.updateMany({ where: { jobId: b.jobId, key: "approve-switch" }, data: { status: "succeeded" } });
    const stranger = randomUUID();

    const r = await approve({ stepKey: "approve-switch", jobIds: [d.jobId, a.jobId, b.jobId, stranger, d.jobId] });
    expect(r.status).toBe(200);
    expect(r.body.approved).toEqual([d.jobId]);
    expect(r.body.skipped).toEqual([
      { jobId: stranger, reason: "not an upgrade of this wave", status: 404 },
      { jobId: a.jobId, reason: `${a.slug}: the job is not waiting on this step`, status: 409 },
      { jobId: b.jobId, reason: `${b.slug}: the job is not waiting on this step`, status: 409 },
    ]);
    expect((await db.job.findUniqueOrThrow({ where: { id: b.jobId } })).status).toBe("waiting");
    expect((await db.jobStep.findFirstOrThrow({ where: { jobId: b.jobId, key: "approve-destroy" } })).status).toBe("waiting");
    // The others, not listed, still wait.
    for (const { jobId } of [c, e]) expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("waiting");
    expect(await db.auditEvent.count({ where: { targetId: { in: [a.jobId, b.jobId] }, action: "job.approve", params: { path: ["step"], equals: "approve-switch" } } })).toBe(0);
  });

  it("is for those who may approve a job, and refuses what it does not understand", async () => {
    for (const role of ["viewer", "support"] as const) {
      const r = await approve({ stepKey: "approve-destroy" }, await tokenFor(role));
      expect(r.status, role).toBe(403);
    }
    expect((await approve({ stepKey: "approve-destroy" }, await tokenFor("admin"))).status).toBe(200);
    expect((await approve({ stepKey: "approve-destroy" }, operator, randomUUID())).status).toBe(404);
    expect((await approve({ stepKey: "approve-destroy" }, operator, "not-a-wave")).status).toBe(404);

    const bad = await approve({ stepKey: "destroy-old" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: "stepKey", message: expect.stringContaining("approve-switch") }]);
    for (const body of [{}, { stepKey: "approve-destroy", jobIds: [] }, { stepKey: "approve-destroy", jobIds: ["acme; rm -rf /"] }, { stepKey: "approve-destroy", jobIds: "all" }, { stepKey: "approve-destroy", extra: 1 }]) {
      expect((await approve(body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});
