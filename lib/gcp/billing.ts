import { GcpError } from "./errors";
import { apiTarget, callApi } from "./call-api";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

export interface BillingInfo {
  projectId: string;
  /** billingAccounts/XXXXXX-XXXXXX-XXXXXX, or "" when the project has none. */
  billingAccountName: string;
  billingEnabled: boolean;
}

const target = (clients: ProvisioningClients) => apiTarget(clients, "Cloud Billing API", "cloudbilling.googleapis.com");
const ACCOUNT_RE = /^(billingAccounts\/)?([0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6})$/i;

export async function getBillingInfo(projectId: string, clients: ProvisioningClients = defaultProvisioningClients()): Promise<BillingInfo> {
  const name = `projects/${projectId}`;
  const [info] = await callApi(target(clients), `${name}/billingInfo`, () => clients.billing.getProjectBillingInfo({ name }, clients.callOptions));
  return { projectId, billingAccountName: info.billingAccountName ?? "", billingEnabled: info.billingEnabled === true };
}

/**
 * Links the project to a billing account (RUNBOOK step 2). `billingAccount` is
 * `XXXXXX-XXXXXX-XXXXXX` or `billingAccounts/XXXXXX-XXXXXX-XXXXXX`. Safe to run again: a
 * project already on that account is left alone (`changed: false`). A project billed to a
 * different account is a "conflict" error rather than moved: moving a customer's billing is a
 * decision for a person, not a retried provisioning step.
 */
export async function linkBilling(
  ref: { projectId: string; billingAccount: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<BillingInfo & { changed: boolean }> {
  const name = `projects/${ref.projectId}`;
  const resource = `${name}/billingInfo`;
  const m = ACCOUNT_RE.exec(ref.billingAccount.trim());
  if (!m) throw new GcpError("invalid", resource, `Not a billing account id (XXXXXX-XXXXXX-XXXXXX): ${JSON.stringify(ref.billingAccount)}`);
  const account = `billingAccounts/${m[2].toUpperCase()}`;

  const current = await getBillingInfo(ref.projectId, clients);
  if (current.billingAccountName === account && current.billingEnabled) return { ...current, changed: false };
  if (current.billingAccountName && current.billingAccountName !== account) {
    throw new GcpError("conflict", resource, `GCP project ${ref.projectId} is billed to ${current.billingAccountName}, not ${account}; relink it by hand if that is intended`);
  }
  const [info] = await callApi(target(clients), resource, () =>
    clients.billing.updateProjectBillingInfo({ name, projectBillingInfo: { billingAccountName: account } }, clients.callOptions),
  );
  return { projectId: ref.projectId, billingAccountName: info.billingAccountName ?? account, billingEnabled: info.billingEnabled === true, changed: true };
}
