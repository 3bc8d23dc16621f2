import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { deploymentHistory } from "../deployments/deployment-history";
import { resolveWaitingStep } from "../jobs/control/resolve-waiting-step";
import { startInstanceJob } from "../jobs/start-instance-job";
import { createInstance } from "../provisioning/create-instance";
import { createInstanceSchema } from "../provisioning/create-instance-schema";
import { makeActor } from "../testing/factories";
import { waitFor } from "../testing/spawn-worker";
import { logOf, settle, startColourWorld } from "../../test-support/colour-world";
import type { ProvisioningWorld } from "../../test-support/provisioning-world";

/**
 * A red/black upgrade of an instance the control plane built, read the way the real APIs
 * answer: two VMs side by side (prod-red serving 5.9.1, prod-black on 5.10.0 reached through
 * its own IAP tunnel) until the switch; then the load balancer serves black, and after the
 * destroy only black is left, each step committed to the deployments repository. (What a
 * failing or cancelled upgrade leaves: colour-restore.integration.test.ts.)
 */
let world: ProvisioningWorld;

beforeAll(async () => {
  world = await startColourWorld("colour-upgrade");
}, 60_000);

afterAll(() => world?.close());

const get = (url: string) => fetch(url, { headers: { authorization: "Bearer test" } });
const vmExists = async (project: string, vm: string) => (await get(`${world.gcp.url}/compute/v1/projects/${project}/zones/us-central1-f/instances/${vm}`)).status === 200;
const publicVersion = async (slug: string) => (await (await fetch(`${world.sourcegraph.url}/i/${slug}/__version`)).text()).trim();
const tunnelVersion = async (project: string, vm: string) => (await (await fetch(`${world.sourcegraph.url}/vm/${project}/${vm}/__version`)).text()).trim();

describe("red/black upgrade of a colour deployment", () => {
  it("builds black beside red, switches users to it, then destroys red", async () => {
    const operator = await makeActor("operator");
    const { instance, job: provision } = await createInstance(
      operator,
      createInstanceSchema.parse({ slug: "colourco", displayName: "Colour Co", version: "5.9.1", machineType: "n1-standard-8", accessMode: "public_sso" }),
    );
    const provisioned = await settle(provision.id, ["succeeded", "failed"]);
    expect(provisioned.status, `${provisioned.error}\n${(await logOf(provision.id)).slice(-2000)}`).toBe("succeeded");
    const project = instance.gcpProjectId;
    expect(await publicVersion("colourco")).toBe("5.9.1");

    const upgrade = await startInstanceJob(operator, "colourco", { kind: "upgrade", version: "5.10.0" });
    const waiting = await settle(upgrade.id, ["waiting", "failed"]);
    expect(waiting.status, `${waiting.error}\n${(await logOf(upgrade.id)).slice(-3000)}`).toBe("waiting");
    expect(waiting.steps.find((s) => s.status === "waiting")?.key).toBe("approve-switch");
    // Two VMs side by side: users still on red, black already on the target release.
    expect(await vmExists(project, "prod-red")).toBe(true);
    expect(await vmExists(project, "prod-black")).toBe(true);
    expect(await publicVersion("colourco")).toBe("5.9.1");
    expect(await tunnelVersion(project, "prod-black")).toBe("5.10.0");
    const disk = (await (await get(`${world.gcp.url}/compute/v1/projects/${project}/zones/us-central1-f/disks/prod-black-data`)).json()) as { sourceSnapshot?: string };
    expect(disk.sourceSnapshot).toMatch(/\/global\/snapshots\/upgrade-5-10-0-/);

    await resolveWaitingStep(operator, upgrade.id, { kind: "approval", stepKey: "approve-switch" });
    const beforeDestroy = await settle(upgrade.id, ["waiting", "failed"]).then(() =>
      waitFor(async () => {
        const j = await db.job.findUniqueOrThrow({ where: { id: upgrade.id }, include: { steps: true } });
        return j.steps.find((s) => s.key === "approve-destroy" && s.status === "waiting") || j.status === "failed" ? j : null;
      }, 120_000, "approve-destroy"),
    );
    expect(beforeDestroy.status, `${beforeDestroy.error}\n${(await logOf(upgrade.id)).slice(-3000)}`).toBe("waiting");
    expect(await publicVersion("colourco")).toBe("5.10.0");
    expect((await db.instance.findUniqueOrThrow({ where: { id: instance.id } })).vmName).toBe("prod-black");

    await resolveWaitingStep(operator, upgrade.id, { kind: "approval", stepKey: "approve-destroy" });
    const done = await settle(upgrade.id, ["succeeded", "failed"]);
    const log = await logOf(upgrade.id);
    expect(done.status, `${done.error}\n${log.slice(-3000)}`).toBe("succeeded");
    expect(log).toContain("reports 5.10.0 through the load balancer");
    expect(log).toContain("procedure: red/black (5.9.1 → 5.10.0): a second colour beside prod-red");
    expect(await vmExists(project, "prod-red")).toBe(false);
    expect(await vmExists(project, "prod-black")).toBe(true);
    expect(await db.instance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({ version: "5.10.0", vmName: "prod-black", status: "active" });

    const history = (await deploymentHistory({ repo: path.join(world.tmp, "deployments.git"), slug: "colourco" })).map((c) => c.summary);
    expect(history).toEqual(expect.arrayContaining([expect.stringMatching(/^upgrade to 5\.10\.0: black deployment from snapshot/), "switch users to black (5.10.0)", "destroy the red deployment"]));

    // A patch release without database changes, in place on the serving colour: the same
    // release mechanism, recorded in the deployment's Terraform.
    const patch = await startInstanceJob(operator, "colourco", { kind: "upgrade", version: "5.10.2", strategy: "in-place" });
    const patched = await settle(patch.id, ["succeeded", "failed"]);
    expect(patched.status, `${patched.error}\n${(await logOf(patch.id)).slice(-3000)}`).toBe("succeeded");
    expect(await publicVersion("colourco")).toBe("5.10.2");
    expect(await vmExists(project, "prod-black")).toBe(true);
    const latest = await deploymentHistory({ repo: path.join(world.tmp, "deployments.git"), slug: "colourco", limit: 1 });
    expect(latest[0]).toMatchObject({ summary: "upgrade in place to 5.10.2 (black)", jobId: patch.id });
  }, 420_000);
});
