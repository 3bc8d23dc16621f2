import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { SEED_VERSIONS, compareVersions } from "../instances/versions";
import { cancelJob } from "../jobs/control/cancel-job";
import { resolveWaitingStep } from "../jobs/control/resolve-waiting-step";
import { startInstanceJob } from "../jobs/start-instance-job";
import type { ProvisioningWorld } from "../../test-support/provisioning-world";
import { waitFor } from "../testing/spawn-worker";
import { driveToEnd, logOf, observeUsers, provisionColourInstance, settle, startColourWorld } from "../../test-support/colour-world";

/**
 * ALWAYS RESTORE, proven with two real colours (two VMs, two Terraform states in the bucket,
 * the load balancer switched through the infrastructure root): a red/black upgrade that fails
 * or is cancelled at any point after the notice goes on leaves users on a colour that serves,
 * its database writable (the restore's write probe) and the notice gone; the record says what
 * serves. Two instances, each a chain of failing upgrades: every failure point before the
 * switch on one; a cancel during the switch and every failure point after it on the other.
 */
let world: ProvisioningWorld;
beforeAll(async () => {
  world = await startColourWorld("colour-restore");
}, 60_000);
afterAll(() => world?.close());

const BEFORE_SWITCH = ["notice-on", "read-only", "snapshot", "plan-deployment", "apply-deployment", "writable-new", "start-new", "wait-healthy"];
const AFTER_SWITCH = ["retarget", "destroy-old", "notice-off", "record-version"];

const nextRelease = (version: string) => SEED_VERSIONS.find((v: string) => compareVersions(v, version) > 0)!;
const record = (slug: string) => db.instance.findUniqueOrThrow({ where: { slug } });

/** Users are on `colour`, at `version`, writable, no notice; the record agrees; the restore said so. */
async function expectRestored(slug: string, project: string, jobId: string, want: { colour: string; version: string }) {
  const log = await logOf(jobId);
  expect(await observeUsers(world, slug, project), log.slice(-3000)).toEqual({
    serving: `prod-${want.colour}-neg`,
    databaseReadOnly: false,
    noticeUp: false,
    healthz: 200,
    version: want.version,
  });
  expect(log).toContain("restore: the serving database is writable (write probe passed)");
  expect(log).toContain("restore: the maintenance notice is removed");
  expect(await record(slug)).toMatchObject({ status: "active", version: want.version, vmName: `prod-${want.colour}` });
}

async function failingUpgrade(operator: Actor, slug: string, failAt: string) {
  const before = await record(slug);
  const version = nextRelease(before.version);
  const job = await startInstanceJob(operator, slug, { kind: "upgrade", version, failAt });
  const done = await driveToEnd(operator, job.id);
  expect(done.status, `${failAt}: ${done.error}`).toBe("failed");
  expect(done.error, (await logOf(job.id)).slice(-6000)).toContain("injected failure");
  return { job, version, from: before };
}

describe("a red/black upgrade of a colour deployment that fails or is cancelled", () => {
  it("restores at every failure point before the switch (users stay on red) and after it (users stay on the checked new colour), and after a cancel during the switch", async () => {
    const before = (async () => {
      const { operator, project } = await provisionColourInstance("rbbefore", "5.9.0");
      let blackLeft = false;
      for (const step of BEFORE_SWITCH) {
        const { job } = await failingUpgrade(operator, "rbbefore", step);
        await expectRestored("rbbefore", project, job.id, { colour: "red", version: "5.9.0" });
        // Black, half-built by the previous attempt, is destroyed (approved) before it is built again.
        if (blackLeft) expect(await logOf(job.id)).toContain("prod-black is left from an earlier upgrade and does not serve: destroying it");
        blackLeft ||= step === "apply-deployment";
      }
    })();

    const after = (async () => {
      const { operator, project } = await provisionColourInstance("rbafter", "5.8.1");
      // A cancel while the load balancer switches: wherever it stopped, users are on a colour
      // that passed its checks, and the record says which, and at which version.
      const switching = await startInstanceJob(operator, "rbafter", { kind: "upgrade", version: "5.9.0" });
      await waitFor(async () => {
        const j = await db.job.findUniqueOrThrow({ where: { id: switching.id }, include: { steps: true } });
        if (j.status === "waiting") await resolveWaitingStep(operator, switching.id, { kind: "approval" }).catch(() => {});
        if (["failed", "succeeded"].includes(j.status)) throw new Error(`the upgrade ended (${j.status}) before the switch: ${j.error}`);
        return j.steps.find((s) => s.key === "retarget" && s.status === "running") ?? null;
      }, 240_000, "the switch to start");
      await cancelJob(operator, switching.id);
      const cancelled = await settle(switching.id, ["cancelled", "failed", "succeeded"]);
      expect(cancelled.status).toBe("cancelled");
      const landed = await observeUsers(world, "rbafter", project);
      await expectRestored("rbafter", project, switching.id, { colour: landed.serving === "prod-black-neg" ? "black" : "red", version: landed.serving === "prod-black-neg" ? "5.9.0" : "5.8.1" });

      for (const step of AFTER_SWITCH) {
        const { job, version, from } = await failingUpgrade(operator, "rbafter", step);
        const newColour = from.vmName === "prod-red" ? "black" : "red";
        await expectRestored("rbafter", project, job.id, { colour: newColour, version });
      }
    })();

    await Promise.all([before, after]);
  }, 1_200_000);
});
