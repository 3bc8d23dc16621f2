import type pg from "pg";
import { DEMO_BILLING_ACCOUNT } from "../../lib/config/demo-defaults";
import { invalid } from "./errors";
import { requireVisibleProject, type ProjectRecord } from "./platform-projects";
import type { PlatformEndpoint } from "./platform-routes";
import { requireResource } from "./request-body";
import { getResource, upsertMany } from "./store";

type Doc = Record<string, unknown>;

const ACCOUNT_RE = /^billingAccounts\/[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;

/** The account seeded projects (running deployments) are billed to; demo mode links new projects to it. */
export const SEEDED_BILLING_ACCOUNT = `billingAccounts/${DEMO_BILLING_ACCOUNT}`;

/** Cloud Billing v1: which billing account pays for a project. */
export const billingEndpoints: PlatformEndpoint[] = [
  {
    httpMethod: "GET",
    path: "/v1/projects/{project}/billingInfo",
    id: "cloudbilling.projects.getBillingInfo",
    run: async ({ pool, params }) => billingInfo(pool, await requireVisibleProject(pool, params.project)),
  },
  {
    httpMethod: "PUT",
    path: "/v1/projects/{project}/billingInfo",
    id: "cloudbilling.projects.updateBillingInfo",
    run: ({ pool, params, body }) => updateBillingInfo(pool, params.project, body),
  },
];

/** ProjectBillingInfo; a project created through Resource Manager starts without billing. */
export async function billingInfo(pool: pg.Pool, rec: ProjectRecord): Promise<Doc> {
  const stored = await getResource(pool, { project: rec.projectId, kind: "billingInfo", location: "global", name: rec.projectId });
  const account = typeof stored?.billingAccountName === "string" ? stored.billingAccountName : rec.gated ? "" : SEEDED_BILLING_ACCOUNT;
  return {
    name: `projects/${rec.projectId}/billingInfo`,
    projectId: rec.projectId,
    billingAccountName: account,
    billingEnabled: account !== "",
  };
}

async function updateBillingInfo(pool: pg.Pool, project: string, body: unknown): Promise<Doc> {
  const rec = await requireVisibleProject(pool, project);
  const account = requireResource(body).billingAccountName ?? "";
  // An empty name unlinks billing, as in GCP.
  if (typeof account !== "string" || (account !== "" && !ACCOUNT_RE.test(account))) {
    throw invalid(`Invalid value for field 'project_billing_info.billing_account_name': '${String(account)}'. Expected billingAccounts/XXXXXX-XXXXXX-XXXXXX.`);
  }
  await upsertMany(pool, [{ project: rec.projectId, kind: "billingInfo", location: "global", name: rec.projectId, data: { billingAccountName: account } }]);
  return billingInfo(pool, rec);
}
