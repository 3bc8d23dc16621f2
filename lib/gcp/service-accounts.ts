import type { iam_v1 } from "@googleapis/iam";
import { apiTarget, callApi, restCallOptions } from "./call-api";
import { GcpError } from "./errors";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

export interface ServiceAccountInfo {
  email: string;
  uniqueId: string;
  displayName: string;
  projectId: string;
}

export const iamTarget = (clients: ProvisioningClients) => apiTarget(clients, "IAM API", "iam.googleapis.com");

/** `deploy` in `sourcegraph-managed-acme` → deploy@sourcegraph-managed-acme.iam.gserviceaccount.com. */
export function serviceAccountEmail(projectId: string, accountId: string): string {
  return `${accountId}@${projectId}.iam.gserviceaccount.com`;
}

/**
 * Creates the project's service account (RUNBOOK step 3, `deploy`). Safe to run again: an
 * account that already exists is returned with `created: false`; its display name is not
 * changed.
 */
export async function createServiceAccount(
  ref: { projectId: string; accountId: string; displayName: string; description?: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<ServiceAccountInfo & { created: boolean }> {
  const email = serviceAccountEmail(ref.projectId, ref.accountId);
  try {
    const res = await callApi(iamTarget(clients), `projects/${ref.projectId}/serviceAccounts/${email}`, () =>
      clients.iam.projects.serviceAccounts.create(
        {
          name: `projects/${ref.projectId}`,
          requestBody: { accountId: ref.accountId, serviceAccount: { displayName: ref.displayName, description: ref.description ?? "" } },
        },
        restCallOptions(clients.callOptions),
      ),
    );
    return { ...toInfo(res.data), created: true };
  } catch (err) {
    if (!(err instanceof GcpError && err.kind === "already-exists")) throw err;
  }
  return { ...(await getServiceAccount({ projectId: ref.projectId, email }, clients)), created: false };
}

export async function getServiceAccount(
  ref: { projectId: string; email: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<ServiceAccountInfo> {
  const name = `projects/${ref.projectId}/serviceAccounts/${ref.email}`;
  const res = await callApi(iamTarget(clients), name, () => clients.iam.projects.serviceAccounts.get({ name }, restCallOptions(clients.callOptions)));
  return toInfo(res.data);
}

function toInfo(sa: iam_v1.Schema$ServiceAccount): ServiceAccountInfo {
  return { email: sa.email ?? "", uniqueId: sa.uniqueId ?? "", displayName: sa.displayName ?? "", projectId: sa.projectId ?? "" };
}
