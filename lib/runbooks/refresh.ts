import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { SYSTEM_ACTOR } from "../auth/actor";
import { getVmStatus, readInstanceNetwork } from "../gcp";
import { secretRefOf } from "../provisioning/step-helpers";
import { getUpdateCheck } from "../sourcegraph";
import { withSourcegraph } from "../upgrades/deployment";
import { implementRunbook } from "./implement-runbook";
import { refreshMetadata } from "./metadata/refresh";
import type { StepContext } from "./types";
import { StepError } from "./types";

function target(ctx: StepContext) {
  const i = ctx.instance;
  if (!i) throw new StepError("the job has no instance");
  return { project: i.gcpProjectId, region: i.region, zone: i.zone, vmName: i.vmName };
}

/**
 * Refresh: what the runbook's "Finding the external IPs" does by hand
 * (`gcloud compute addresses list`), plus the VM's status, written back to the instance.
 */
export const refreshRunbook = implementRunbook(refreshMetadata, {
  steps: () => [
    {
      key: "read-vm",
      async run(ctx) {
        const t = target(ctx);
        ctx.log(`GET compute/v1/projects/${t.project}/zones/${t.zone}/instances/${t.vmName}`);
        const vmStatus = await getVmStatus({ project: t.project, zone: t.zone, vmName: t.vmName });
        ctx.log(`VM ${t.vmName} is ${vmStatus}`);
        return { detail: { vmStatus } };
      },
    },
    {
      key: "read-addresses",
      async run(ctx) {
        const t = target(ctx);
        ctx.log(`reading default-global-address, default-nat-manual-ip-0 and -1 in ${t.project}`);
        const net = await readInstanceNetwork(t);
        ctx.log(`default-global-address   ${net.globalIp}`);
        net.natIps.forEach((ip, n) => ctx.log(`default-nat-manual-ip-${n}  ${ip}`));
        ctx.log(`managed certificate: ${net.certificateStatus}`);
        if (net.natIps.length !== 2) throw new StepError(`expected 2 NAT addresses, found ${net.natIps.length}`, "Check the Cloud NAT addresses in the GCP console; Terraform may not have finished.");
        return { detail: net };
      },
    },
    {
      key: "update-record",
      async run(ctx) {
        const net = ctx.detailOf("read-addresses") as { globalIp: string; natIps: string[] };
        const before = ctx.instance!;
        const changed = before.globalIp !== net.globalIp || before.natIps.join() !== net.natIps.join();
        await db.$transaction(async (tx) => {
          await tx.instance.update({ where: { id: before.id }, data: { globalIp: net.globalIp, natIps: net.natIps } });
          if (changed) {
            await recordAudit(tx, SYSTEM_ACTOR, {
              action: "instance.ips-refreshed",
              targetType: "instance",
              targetId: before.id,
              instanceSlug: before.slug,
              params: { jobId: ctx.jobId, globalIp: net.globalIp, natIps: net.natIps, previous: { globalIp: before.globalIp, natIps: before.natIps } },
            });
          }
        });
        ctx.log(changed ? `updated: global ${before.globalIp ?? "none"} → ${net.globalIp}; NAT ${before.natIps.join(", ") || "none"} → ${net.natIps.join(", ")}` : "no change: the record already matched GCP");
        return { detail: { changed } };
      },
    },
    {
      key: "read-update-check",
      async run(ctx) {
        const i = ctx.instance!;
        if (!secretRefOf(i, "sourcegraphToken")) {
          ctx.log("no Sourcegraph access token on record: the update check is not read");
          return { detail: { skipped: true } };
        }
        // Site admins only; through IAP, like every call the workers make to an instance.
        const check = await withSourcegraph(ctx, undefined, ({ baseUrl, token }) => getUpdateCheck(baseUrl, token, { signal: ctx.signal }));
        const seen = { ...check, readAt: new Date().toISOString() };
        await db.instance.update({ where: { id: i.id }, data: { updateCheck: seen } });
        ctx.log(
          check.errorMessage
            ? `update check failed on the instance: ${check.errorMessage}`
            : check.updateVersionAvailable
              ? `the instance was told ${check.updateVersionAvailable} is available (checked ${check.checkedAt ?? "never"})`
              : `the instance says it is up to date (checked ${check.checkedAt ?? "never"})`,
        );
        return { detail: seen };
      },
    },
  ],
});
