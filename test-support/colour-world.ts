import { expect } from "vitest";
import { SEEDED_BILLING_ACCOUNT } from "../emulators/gcp";
import { getInstance } from "../emulators/sourcegraph/state";
import type { Actor } from "../lib/auth/actor";
import { db } from "../lib/db/client";
import { getBackendTarget } from "../lib/gcp";
import { resolveWaitingStep } from "../lib/jobs/control/resolve-waiting-step";
import { createInstance } from "../lib/provisioning/create-instance";
import { createInstanceSchema } from "../lib/provisioning/create-instance-schema";
import { MAINTENANCE_NOTICE_PREFIX } from "../lib/sourcegraph";
import { makeActor } from "../lib/testing/factories";
import { startProvisioningWorld, type ProvisioningWorld } from "./provisioning-world";
import { spawnWorker, waitFor } from "../lib/testing/spawn-worker";

/**
 * Instances the control plane built (two colour deployments, state in the bucket), upgraded
 * by a real worker with the test-only failure hook on: the world of the red/black tests.
 */
export async function startColourWorld(name: string, extraEnv: Record<string, string> = {}): Promise<ProvisioningWorld> {
  const world = await startProvisioningWorld({ certificateReadsAfterDns: 1, name });
  world.workers.push(
    spawnWorker({
      ...world.env,
      HEARTBEAT_STALE_MS: "60000",
      BILLING_ACCOUNT: SEEDED_BILLING_ACCOUNT.replace("billingAccounts/", ""),
      UPGRADE_HEALTH_POLL_MS: "300",
      UPGRADE_HEALTH_TIMEOUT_MS: "30000",
      UPGRADE_FAULT_INJECTION: "1",
      ...extraEnv,
    }),
  );
  return world;
}

type JobWithSteps = Awaited<ReturnType<typeof jobWithSteps>>;
const jobWithSteps = (id: string) => db.job.findUniqueOrThrow({ where: { id }, include: { steps: true } });

/** Waits until the job is in one of `statuses`. */
export function settle(jobId: string, statuses: string[], timeoutMs = 240_000): Promise<JobWithSteps> {
  return waitFor(async () => {
    const j = await jobWithSteps(jobId);
    return statuses.includes(j.status) ? j : null;
  }, timeoutMs, `job ${statuses.join("/")}`);
}

/** Runs the job to its end, approving every approval it waits on (as the operator would). */
export function driveToEnd(operator: Actor, jobId: string, timeoutMs = 240_000): Promise<JobWithSteps> {
  return waitFor(async () => {
    const j = await jobWithSteps(jobId);
    if (j.status === "waiting") await resolveWaitingStep(operator, jobId, { kind: "approval" }).catch(() => {});
    return ["failed", "succeeded", "cancelled"].includes(j.status) ? j : null;
  }, timeoutMs, "the job to end");
}

export const logOf = async (jobId: string) => (await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((l) => l.line).join("\n");

/** Provisions `slug` (public, so the load balancer can be asked) through the real worker and Terraform. */
export async function provisionColourInstance(slug: string, version = "5.9.1") {
  const operator = await makeActor("operator");
  const { instance, job } = await createInstance(operator, createInstanceSchema.parse({ slug, displayName: slug, version, machineType: "n1-standard-8", accessMode: "public_sso" }));
  const done = await settle(job.id, ["succeeded", "failed"]);
  expect(done.status, `${done.error}\n${(await logOf(job.id)).slice(-2000)}`).toBe("succeeded");
  return { operator, project: instance.gcpProjectId, instanceId: instance.id };
}

/** What users of `slug` get now: the colour the load balancer serves, its database and notice, and the version. */
export async function observeUsers(world: ProvisioningWorld, slug: string, project: string) {
  const sg = (await getInstance(world.sourcegraph.pool, slug))!;
  const publicUrl = `${world.sourcegraph.url}/i/${slug}`;
  return {
    serving: (await getBackendTarget({ project }))?.name,
    databaseReadOnly: sg.databaseReadOnly,
    noticeUp: (sg.settings.contents ?? "").includes(MAINTENANCE_NOTICE_PREFIX),
    healthz: (await fetch(`${publicUrl}/healthz`)).status,
    version: (await (await fetch(`${publicUrl}/__version`)).text()).trim(),
  };
}
