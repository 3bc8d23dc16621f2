import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { SYSTEM_ACTOR } from "../auth/actor";
import { getBackendTarget, getProject, readInstanceNetwork, type BackendTarget, type InstanceNetwork } from "../gcp";
import { withIapTunnel } from "../iap";
import { versionOrder } from "../instances/versions";
import { regionOfZone } from "../provisioning/options";
import { instanceOf } from "../provisioning/step-helpers";
import { targetVersions } from "../releases/list-releases";
import { StepError, type StepContext, type StepWork } from "../runbooks/types";
import { getVersion } from "../sourcegraph";
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
 * approval, then record the instance.
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
      const version = await withIapTunnel({ project: i.gcpProjectId, zone: vms.serving.zone, vm: vms.serving.name, signal: ctx.signal }, (baseUrl) => getVersion(baseUrl, { signal: ctx.signal }));
      ctx.log(`${vms.serving.name} runs Sourcegraph ${version}`);
      return { detail: { version } };
    },
  },
  {
    key: "dry-run",
    async run(ctx) {
      const i = instanceOf(ctx);
      const vms = detail<DiscoveredVms>(ctx, "find-vms");
      const { version } = detail<{ version: string }>(ctx, "read-version");
      const record = importedRecord(vms, detail<InstanceNetwork>(ctx, "read-network"), version);
      const known = (await targetVersions()).includes(version);
      const changes = [
        `record instance ${i.slug} (${i.gcpProjectId}) as active: ${record.vmName} in ${record.zone}, ${record.machineType}, ${record.dataDiskSizeGb} GB data disk, Sourcegraph ${version}`,
        `global address ${record.globalIp}, NAT ${record.natIps.join(", ")}`,
        "nothing in GCP changes",
        vms.layout === "hand-built"
          ? "Terraform: the hand-built VM prod has no Terraform of ours; upgrades use the hand-built path (VM prod, new disk and load balancer through the API)"
          : `Terraform: colour deployment ${record.vmName}; its state must already be in the project's tfstate bucket`,
      ];
      if (!known) changes.push(`warning: ${version} is not a release in the releases table; add it before upgrading`);
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
];
