import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../auth/actor";
import { db } from "../db/client";
import { pool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import type { StepContext } from "../runbooks/types";
import { makeActor, makeInstance } from "../testing/factories";
import type { ApprovalPolicy } from "../upgrades/upgrade-params";
import { advanceWave } from "./advance-wave";
import { HEALTH_GATE_STEP, policyApproves } from "./approval-policy";
import { createWave } from "./create-wave";
import { getWave } from "./get-wave";

afterAll(async () => {
  await pool().end();
});

/** A real upgrade job (rows, audit, queue entry; no worker runs it) and its instance. */
async function upgradeJob(params: { approvalPolicy?: ApprovalPolicy; waveId?: string }, opts: { healthGatePassed?: boolean } = {}) {
  const instance = await makeInstance({ version: "5.10.1" });
  const job = await createJob(await makeActor("operator"), { kind: "upgrade", instanceSlug: instance.slug, params: { version: "5.10.2", ...params } });
  if (opts.healthGatePassed ?? true) await db.jobStep.updateMany({ where: { jobId: job.id, key: HEALTH_GATE_STEP }, data: { status: "succeeded" } });
  return { instance, jobId: job.id };
}

/** The engine's StepContext for one approval step of that job, with its log lines kept. */
async function contextOf(jobId: string, stepKey: string) {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { instance: true } });
  const lines: string[] = [];
  const ctx: StepContext = {
    jobId,
    stepKey,
    params: job.params as Record<string, unknown>,
    instance: job.instance,
    signal: new AbortController().signal,
    log: (line) => lines.push(line),
    exec: () => Promise.reject(new Error("an approval step runs no program")),
    addSecret: () => {},
    detailOf: () => undefined,
  };
  return { ctx, lines };
}

const approvals = (jobId: string) => db.auditEvent.findMany({ where: { targetType: "job", targetId: jobId, action: "job.approve" }, orderBy: { at: "asc" } });
const completedBy = async (jobId: string, key: string) => (await db.jobStep.findFirstOrThrow({ where: { jobId, key } })).completedBy;

describe("policyApproves", () => {
  it("auto-switch-ask-destroy: gives the switch once the health gate passed, audited per instance as the system; asks before destroying", async () => {
    const waveId = randomUUID();
    const { instance, jobId } = await upgradeJob({ approvalPolicy: "auto-switch-ask-destroy", waveId });

    const atSwitch = await contextOf(jobId, "approve-switch");
    expect(await policyApproves(atSwitch.ctx, "approve-switch")).toBe(true);
    const [event, ...more] = await approvals(jobId);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorEmail: SYSTEM_ACTOR.email,
      actorRole: "admin",
      via: "system",
      instanceSlug: instance.slug,
      params: { kind: "upgrade", step: "approve-switch", by: "policy", policy: "auto-switch-ask-destroy", waveId },
    });
    expect(await completedBy(jobId, "approve-switch")).toBe("approval policy auto-switch-ask-destroy");
    expect(atSwitch.lines).toEqual([expect.stringMatching(/^✓ approved automatically by approval policy "auto-switch-ask-destroy" \(switch automatically when the new colour passes its health gate/)]);

    const atDestroy = await contextOf(jobId, "approve-destroy");
    expect(await policyApproves(atDestroy.ctx, "approve-destroy")).toBe(false);
    expect(await approvals(jobId)).toHaveLength(1);
    expect(await completedBy(jobId, "approve-destroy")).toBeNull();
    expect(atDestroy.lines.join("\n")).toContain("a person approves this step");
  });

  it("records an approval once, however often the step is looked at again (jobs run at least once)", async () => {
    const { jobId } = await upgradeJob({ approvalPolicy: "auto-switch-auto-destroy", waveId: randomUUID() });
    for (let n = 0; n < 3; n++) expect(await policyApproves((await contextOf(jobId, "approve-switch")).ctx, "approve-switch")).toBe(true);
    expect(await approvals(jobId)).toHaveLength(1);
  });

  it("auto-switch-auto-destroy gives both; ask-every-step and an upgrade started on its own give neither", async () => {
    const both = await upgradeJob({ approvalPolicy: "auto-switch-auto-destroy", waveId: randomUUID() });
    expect(await policyApproves((await contextOf(both.jobId, "approve-switch")).ctx, "approve-switch")).toBe(true);
    expect(await policyApproves((await contextOf(both.jobId, "approve-destroy")).ctx, "approve-destroy")).toBe(true);
    expect((await approvals(both.jobId)).map((a) => (a.params as { step: string }).step)).toEqual(["approve-switch", "approve-destroy"]);

    const asking = await upgradeJob({ approvalPolicy: "ask-every-step", waveId: randomUUID() });
    const alone = await upgradeJob({});
    for (const { jobId } of [asking, alone]) {
      for (const key of ["approve-switch", "approve-destroy"] as const) {
        const { ctx, lines } = await contextOf(jobId, key);
        expect(await policyApproves(ctx, key)).toBe(false);
        if (jobId === alone.jobId) expect(lines, "an upgrade without a policy says nothing about one").toEqual([]);
      }
      expect(await approvals(jobId)).toEqual([]);
    }
  });

  it("does not switch before the health gate has passed", async () => {
    const { jobId } = await upgradeJob({ approvalPolicy: "auto-switch-auto-destroy", waveId: randomUUID() }, { healthGatePassed: false });
    const { ctx, lines } = await contextOf(jobId, "approve-switch");
    expect(await policyApproves(ctx, "approve-switch")).toBe(false);
    expect(lines.join("\n")).toContain(`health gate (${HEALTH_GATE_STEP}) has passed, and it has not`);
    expect(await approvals(jobId)).toEqual([]);
    expect(await completedBy(jobId, "approve-switch")).toBeNull();
  });
});

describe("a wave's approval policy", () => {
  it("is stored with the wave, audited, and carried by each upgrade it starts", async () => {
    const instances = [await makeInstance({ version: "5.10.1" }), await makeInstance({ version: "5.10.1" })];
    const operator = await makeActor("operator");
    const created = await createWave(operator, { targetVersion: "5.10.2", strategy: "red-black", approvalPolicy: "auto-switch-ask-destroy", batchSize: 5, instances: instances.map((i) => i.slug) });
    expect((await getWave(created.id, { includeIps: true })).approvalPolicy).toBe("auto-switch-ask-destroy");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: created.id, action: "wave.create" } });
    expect(audit.params).toMatchObject({ approvalPolicy: "auto-switch-ask-destroy" });

    expect(await advanceWave(created.id)).toBe("continue");
    const wave = await getWave(created.id, { includeIps: true });
    const jobs = await db.job.findMany({ where: { id: { in: wave.instances.map((i) => i.jobId!) } } });
    expect(jobs.map((j) => j.params)).toEqual([
      expect.objectContaining({ approvalPolicy: "auto-switch-ask-destroy", waveId: created.id, strategy: "red-black" }),
      expect.objectContaining({ approvalPolicy: "auto-switch-ask-destroy", waveId: created.id, strategy: "red-black" }),
    ]);
  });
});
