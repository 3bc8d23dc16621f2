import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { SYSTEM_ACTOR } from "../auth/actor";
import { gcpResourceExists, getBackendTarget, getProject, readInstanceNetwork, type BackendTarget, type InstanceNetwork } from "../gcp";
import { stateBucketName } from "../provisioning/render-deployment";
import { ensureDeployKey } from "../provisioning/steps/gcp-project";
import { applyStateBucket } from "../provisioning/steps/terraform";
import { secretStoreFromEnv } from "../secrets";
import { withIapTunnel } from "../iap";
import { versionOrder } from "../instances/versions";
import { regionOfZone } from "../provisioning/options";
import { instanceOf, secretRefOf } from "../provisioning/step-helpers";
import { targetVersions } from "../releases/list-releases";
import { StepError, type StepContext, type StepWork } from "../runbooks/types";
import { getCurrentUser, getVersion } from "../sourcegraph";
import { findDeploymentVms, type DiscoveredVms } from "./discover-deployment";

const detail = <T>(ctx: StepContext, key: string) => ctx.detailOf(key) as T;

/** What the import would record on the instance, from what the steps found. */
export function importedRecord(vms: DiscoveredVms, net: InstanceNetwork, version: string) {
  return {
    zone: vms.serving.zone,
    region: regionOfZone(vms.serving.zone),
    vmName: vms.serving.name,
    machineType: vms.serving.machineType,
    dataDiskSizeGb: vms.dataDisk?.sizeGb ?? 0,
    version,
    globalIp: net.globalIp,
    natIps: net.natIps,
  };
}

/**
 * The import job's step code (issue 15; outline in lib/runbooks/metadata/import.ts): read what
 * runs in the project (nothing is written), show it as a dry run, wait for a person's
 * approval, then record the instance and adopt its Terraform state.
 */
export const importSteps: StepWork[] = [
  {
    key: "read-project",
    async run(ctx) {
      const i = instanceOf(ctx);
      const p = await getProject(i.gcpProjectId);
      ctx.log(`project ${p.projectId} (${p.projectNumber}) under ${p.parent || "no parent"}: ${p.state}`);
      if (p.state !== "ACTIVE") throw new StepError(`project ${p.projectId} is ${p.state}`, "Only an ACTIVE project can be imported; restore it in GCP first.");
      return { detail: { projectId: p.projectId, parent: p.parent, state: p.state } };
    },
  },
  {
    key: "read-load-balancer",
    async run(ctx) {
      const i = instanceOf(ctx);
      const target = await getBackendTarget({ project: i.gcpProjectId }).catch((e: Error) => {
        ctx.log(`prod-backend-service could not be read: ${e.message}`);
        return null;
      });
      ctx.log(target ? `prod-backend-service → ${target.type} ${target.name} in ${target.zone}` : "no load balancer backend found");
      return { detail: { backendService: target ? "prod-backend-service" : null, target } };
    },
  },
  {
    key: "find-vms",
    async run(ctx) {
      const i = instanceOf(ctx);
      const lb = detail<{ target: BackendTarget | null }>(ctx, "read-load-balancer");
      const servingName = lb.target?.name.replace(/-neg$/, "");
      const found = await findDeploymentVms(i.gcpProjectId, servingName);
      if (!found) throw new StepError(`no VM named prod, prod-red or prod-black in ${i.gcpProjectId}`, "Check the project in the GCP console: a managed deployment has a VM named prod (built by hand) or prod-red / prod-black.");
      for (const vm of found.vms) ctx.log(`VM ${vm.name} in ${vm.zone}: ${vm.status}, ${vm.machineType}, disks ${vm.disks.map((d) => d.name).join(", ")}`);
      ctx.log(`serving: ${found.serving.name} (${found.layout}); data disk ${found.dataDisk ? `${found.dataDisk.name}, ${found.dataDisk.sizeGb} GB` : "not found"}`);
      return { detail: found };
    },
  },
  {
    key: "read-network",
    async run(ctx) {
      const i = instanceOf(ctx);
      const vms = detail<DiscoveredVms>(ctx, "find-vms");
      const net = await readInstanceNetwork({ project: i.gcpProjectId, region: regionOfZone(vms.serving.zone), zone: vms.serving.zone, vmName: vms.serving.name });
      ctx.log(`default-global-address ${net.globalIp}; NAT ${net.natIps.join(", ") || "none"}; managed certificate ${net.certificateStatus}`);
      return { detail: net };
    },
  },
  {
    key: "read-version",
    async run(ctx) {
      const i = instanceOf(ctx);
      const vms = detail<DiscoveredVms>(ctx, "find-vms");
      const tokenRef = secretRefOf(i, "sourcegraphToken");
      const token = tokenRef ? await secretStoreFromEnv().get(tokenRef) : null;
      if (token) ctx.addSecret(token);
      const { version, admin } = await withIapTunnel({ project: i.gcpProjectId, zone: vms.serving.zone, vm: vms.serving.name, signal: ctx.signal }, async (baseUrl) => ({
        version: await getVersion(baseUrl, { signal: ctx.signal }),
        // A token Sourcegraph refuses (401) is as good as none: said below.
        admin: token ? await getCurrentUser(baseUrl, token, { signal: ctx.signal }).catch(() => null) : null,
      }));
      ctx.log(`${vms.serving.name} runs Sourcegraph ${version}`);
      if (token && !admin?.siteAdmin) {
        throw new StepError("the access token given with the import is not a site admin's on this instance", "Import again with the managed-instances token of sourcegraph-admin (1Password: <slug> sourcegraph-admin).");
      }
      if (admin) ctx.log(`the access token given belongs to site admin ${admin.username}`);
      return { detail: { version, tokenOf: admin?.username ?? null } };
    },
  },
  {
    key: "dry-run",
    async run(ctx) {
      const i = instanceOf(ctx);
      const vms = detail<DiscoveredVms>(ctx, "find-vms");
      const { version, tokenOf } = detail<{ version: string; tokenOf: string | null }>(ctx, "read-version");
      const record = importedRecord(vms, detail<InstanceNetwork>(ctx, "read-network"), version);
      const known = (await targetVersions()).includes(version);
      const changes = [
        `record instance ${i.slug} (${i.gcpProjectId}) as active: ${record.vmName} in ${record.zone}, ${record.machineType}, ${record.dataDiskSizeGb} GB data disk, Sourcegraph ${version}`,
        `global address ${record.globalIp}, NAT ${record.natIps.join(", ")}`,
        "nothing users reach changes",
        vms.layout === "hand-built"
          ? `Terraform: the deploy service account gets a key, and the state bucket ${stateBucketName(i.gcpProjectId)} is adopted into gcp-tfstate's state (imported if it exists, else created). The VM prod, its disk and prod-neg stay as built; the first red/black upgrade builds the first colour (prod-red) through Terraform, imports the front end into the infrastructure root's state when users move to it, then deletes prod`
          : `Terraform: colour deployment ${record.vmName}; the import checks that its state and the infrastructure's are in ${stateBucketName(i.gcpProjectId)} and uses them`,
      ];
      if (!known) changes.push(`warning: ${version} is not a release in the releases table; add it before upgrading`);
      if (!tokenOf) changes.push("warning: no access token was given with the import: upgrades stop at the notice until the instance's managed-instances token is stored (import again with sourcegraphToken)");
      for (const c of changes) ctx.log(`would: ${c}`);
      return { detail: { record, layout: vms.layout, changes } };
    },
  },
  {
    key: "approve-import",
  },
  {
    key: "record-instance",
    async run(ctx) {
      const i = instanceOf(ctx);
      const { record } = detail<{ record: ReturnType<typeof importedRecord> }>(ctx, "dry-run");
      await db.$transaction(async (tx) => {
        await tx.instance.update({ where: { id: i.id }, data: { ...record, versionOrder: versionOrder(record.version), status: "active", nextHealthCheckAt: new Date() } });
        await recordAudit(tx, SYSTEM_ACTOR, { action: "instance.imported", targetType: "instance", targetId: i.id, instanceSlug: i.slug, params: { jobId: ctx.jobId, ...record } });
      });
      ctx.log(`✓ ${i.slug} recorded: active, ${record.vmName}, Sourcegraph ${record.version}`);
      return { detail: { record } };
    },
  },
  {
    key: "adopt-state",
    async run(ctx) {
      const { layout } = detail<{ layout: "hand-built" | "colours" }>(ctx, "dry-run");
      if (layout === "colours") return { detail: await pointAtExistingState(ctx) };
      const key = await ensureDeployKey(ctx);
      const bucket = await applyStateBucket(ctx, { adopt: true });
      ctx.log(`Terraform state: ${bucket.bucket} holds this deployment's roots from now on; the front end is adopted at the first red/black upgrade`);
      return { detail: { serviceAccount: key.email, ...bucket } };
    },
  },
];

/**
 * A deployment built as colours already has its state in the bucket (the gcs backend's
 * `<prefix>/default.tfstate`): the import uses it. Missing state is a failure with a remedy.
 */
async function pointAtExistingState(ctx: StepContext) {
  const i = instanceOf(ctx);
  const bucket = stateBucketName(i.gcpProjectId);
  const colour = i.vmName.replace(/^prod-/, "");
  const found: string[] = [];
  for (const prefix of ["infrastructure", `deployments/${colour}`]) {
    const object = `${prefix}/default.tfstate`;
    if (!(await gcpResourceExists({ service: "storage", path: `b/${bucket}/o/${encodeURIComponent(object)}` }))) {
      throw new StepError(
        `${i.vmName} is a colour deployment, but gs://${bucket}/${object} does not exist`,
        `Find its state (whoever built it) and copy it to gs://${bucket}/${object}, or terraform import its resources in ${i.slug}/${prefix === "infrastructure" ? prefix : colour}; then run the import again.`,
      );
    }
    found.push(`gs://${bucket}/${object}`);
    ctx.log(`Terraform state found: gs://${bucket}/${object}`);
  }
  return { state: found };
}
