import { getARecord, getBillingInfo, getProject, getServiceAccount, getServiceState, serviceAccountEmail } from "../gcp";
import type { Instance } from "../generated/prisma/client";
import { deploymentHistory } from "../deployments/deployment-history";
import { deploymentsRepoFromEnv } from "../deployments/deployments-repo";
import { stateBucketName } from "./render-deployment";
import { provisioningSettings } from "./settings";

/**
 * After a failure or cancel: what exists so far, read from GCP rather than from the steps'
 * records, so whoever picks it up (retry, or clean-up by hand) knows exactly what is there.
 */
export async function summarizeCreated(instance: Instance): Promise<string[]> {
  const s = provisioningSettings();
  const p = instance.gcpProjectId;
  const probe = async (what: string, read: () => Promise<string>) => {
    try {
      return `${what}: ${await read()}`;
    } catch (e) {
      return `${what}: not found or unreadable (${e instanceof Error ? e.message.split("\n")[0] : e})`;
    }
  };
  const lines = await Promise.all([
    probe("GCP project", async () => `${(await getProject(p)).state} (${p})`),
    probe("billing", async () => ((await getBillingInfo(p)).billingEnabled ? "linked" : "not linked")),
    probe("service account deploy", async () => (await getServiceAccount({ projectId: p, email: serviceAccountEmail(p, "deploy") })).email),
    probe("Compute Engine API", () => getServiceState({ projectId: p, service: "compute.googleapis.com" })),
    probe(`DNS ${instance.domain}`, async () => (await getARecord({ dnsProject: s.dnsProject, managedZone: s.dnsManagedZone, name: instance.domain }))?.ips.join(", ") ?? "no record"),
  ]);
  const repo = deploymentsRepoFromEnv();
  lines.push(
    await probe("deployment in git", async () => {
      const [last] = repo ? await deploymentHistory({ repo, slug: instance.slug, limit: 1 }) : [];
      return last ? `${last.shortSha} ${last.summary}` : "nothing committed";
    }),
  );
  lines.push(`Terraform state: in bucket ${stateBucketName(p)} (infrastructure, deployments/<colour>)`);
  lines.push(`secret references kept on the instance: ${Object.keys((instance.secretRefs ?? {}) as object).join(", ") || "none"}`);
  return lines;
}
