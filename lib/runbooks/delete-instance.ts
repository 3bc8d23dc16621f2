import { implementRunbook } from "./implement-runbook";
import { deleteInstanceMetadata } from "./metadata/lifecycle";
import { PROJECT_RETENTION_DAYS } from "./metadata/lifecycle";
import { deleteARecord, deleteProject, deleteServiceAccountKey, getVmStatus, GcpError, listServiceAccountKeys, serviceAccountEmail } from "../gcp";
import { COLOURS, colourOfVm, vmNameOf } from "../instances/colours";
import { sayingStateLeft } from "../lifecycle/left-state";
import { recordInstanceChange } from "../lifecycle/record-status";
import { snapshotServingDisk } from "../lifecycle/snapshot-serving-disk";
import { planRoot } from "../provisioning/apply-planned";
import { provisioningSettings } from "../provisioning/settings";
import { checkTerraform } from "../provisioning/step-helpers";
import { secretStoreFromEnv } from "../secrets";
import { destroyColour } from "../upgrades/colour-deployment";
import { instanceOf } from "../upgrades/deployment";
import type { StepContext } from "./types";



/**
 * Delete (a contract ended): a person approves; a final snapshot is kept; the deployment is
 * destroyed with Terraform (load balancer first, then each colour); the DNS record, the
 * secrets and the deploy key go; the project (with the state bucket in it) is scheduled for
 * deletion; the instance stays listed as `deleted` with its jobs and audit trail.
 */
export const deleteInstanceRunbook = implementRunbook(deleteInstanceMetadata, {
  steps: () => [
    {
      key: "approve-delete",
    },
    {
      key: "final-snapshot",
      async run(ctx) {
        await recordInstanceChange(ctx, { action: "instance.deleting", status: "deleting" });
        const snap = await sayingStateLeft(ctx, () => snapshotServingDisk(ctx, "final", null));
        return { detail: { snapshot: snap.name, diskSizeGb: snap.diskSizeGb } };
      },
    },
    {
      key: "destroy",
      run: (ctx) => sayingStateLeft(ctx, () => destroyDeployment(ctx)),
    },
    {
      key: "remove-dns",
      async run(ctx) {
        const i = instanceOf(ctx);
        const s = provisioningSettings();
        const r = await deleteARecord({ dnsProject: s.dnsProject, managedZone: s.dnsManagedZone, name: i.domain });
        ctx.log(r.deleted ? `A ${i.domain}. removed from ${s.dnsManagedZone}` : `no A record for ${i.domain} in ${s.dnsManagedZone}`);
      },
    },
    {
      key: "delete-secrets",
      async run(ctx) {
        const i = instanceOf(ctx);
        const email = serviceAccountEmail(i.gcpProjectId, "deploy");
        const keys = await listServiceAccountKeys({ projectId: i.gcpProjectId, email }).catch(ignoreMissing([]));
        for (const k of keys) await deleteServiceAccountKey({ projectId: i.gcpProjectId, email, keyId: k.keyId });
        ctx.log(`${keys.length} key(s) of ${email} deleted`);
        const refs = (i.secretRefs ?? {}) as Record<string, unknown>;
        const store = secretStoreFromEnv();
        for (const [name, ref] of Object.entries(refs)) {
          if (typeof ref !== "string") continue;
          const { deleted } = await store.delete(ref);
          ctx.log(`${name}: ${deleted ? "deleted from the secret store" : "already gone"}`);
        }
        await recordInstanceChange(ctx, { action: "instance.secrets-deleted", data: { secretRefs: {} }, params: { secrets: Object.keys(refs), keys: keys.length } });
      },
    },
    {
      key: "delete-project",
      async run(ctx) {
        const i = instanceOf(ctx);
        const project = await deleteProject(i.gcpProjectId);
        ctx.log(`${i.gcpProjectId} is ${project.state}: GCP keeps it ${PROJECT_RETENTION_DAYS} days (gcloud projects undelete ${i.gcpProjectId} brings it back), then purges it with its state bucket and the final snapshot`);
        return { detail: { projectState: project.state } };
      },
    },
    {
      key: "mark-deleted",
      run: (ctx) => recordInstanceChange(ctx, { action: "instance.deleted", status: "deleted", data: { health: "unknown", nextHealthCheckAt: null } }),
    },
  ],
});

/** The load balancer first (it uses the serving colour's group), then every colour that has a VM. */
async function destroyDeployment(ctx: StepContext): Promise<void> {
  const i = instanceOf(ctx);
  if (!colourOfVm(i.vmName)) {
    ctx.log(`${i.slug} was built by hand (VM ${i.vmName}, no Terraform of ours): its resources go with the project`);
    return;
  }
  const infra = await planRoot(ctx, i, "infrastructure", { destroy: true });
  if (infra.plan?.counts.destroy) checkTerraform(await infra.tf.apply({ expectedPlanSha256: infra.planSha256 ?? undefined }), infra.tf.workingDir);
  else ctx.log("the infrastructure was already destroyed");
  for (const colour of COLOURS) {
    const exists = await getVmStatus({ project: i.gcpProjectId, zone: i.zone, vmName: vmNameOf(colour) }).then(() => true, ignoreMissing(false));
    if (exists || colour === colourOfVm(i.vmName)) await destroyColour(ctx, colour);
  }
}

const ignoreMissing = <T>(fallback: T) => (e: unknown): T => {
  if (e instanceof GcpError && e.kind === "not-found") return fallback;
  throw e;
};
