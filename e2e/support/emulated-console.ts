import { E2E_GCP_EMULATOR_PORT } from "./paths";

/**
 * What a person does by hand in the GCP console, against the e2e run's GCP emulator through
 * its REST API (the same calls the console makes). The app is not involved: these are the
 * steps the runbook leaves to people.
 */
export const GCP_EMULATOR_URL = `http://127.0.0.1:${E2E_GCP_EMULATOR_PORT}`;
const BILLING_ACCOUNT = "billingAccounts/000000-000000-000000";

export async function gcpCall(method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${GCP_EMULATOR_URL}${pathname}`, {
    method,
    headers: { authorization: "Bearer e2e-person", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** RUNBOOK step 2, "Ask @beyang to enable billing": what @beyang does before the task is ticked. */
export function linkBillingInConsole(projectId: string) {
  return gcpCall("PUT", `/v1/projects/${projectId}/billingInfo`, { billingAccountName: BILLING_ACCOUNT });
}
