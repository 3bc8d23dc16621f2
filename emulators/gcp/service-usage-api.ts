import { randomUUID } from "node:crypto";
import type pg from "pg";
import { billingInfo } from "./billing-api";
import { EmulatorError, failedPrecondition, invalid } from "./errors";
import { anyOf, getLongRunning, recordLongRunning } from "./long-running";
import { requireVisibleProject, type ProjectRecord } from "./platform-projects";
import type { PlatformEndpoint } from "./platform-routes";
import { getResource, upsertMany } from "./store";

type Doc = Record<string, unknown>;

const V1 = "google.api.serviceusage.v1";
const SERVICE_RE = /^[a-z0-9][a-z0-9.-]*\.googleapis\.com$/;
/** Paid APIs refuse to be enabled in a project without billing, which orders the runbook's steps. */
const NEEDS_BILLING = new Set(["compute.googleapis.com", "container.googleapis.com", "sqladmin.googleapis.com"]);
const TITLES: Record<string, string> = { "compute.googleapis.com": "Compute Engine API" };

/** Service Usage v1: enabling an API in a project and reading whether it is. */
export const serviceUsageEndpoints: PlatformEndpoint[] = [
  {
    httpMethod: "POST",
    path: "/v1/projects/{project}/services/{service}:enable",
    id: "serviceusage.services.enable",
    run: ({ pool, params }) => enableService(pool, params.project, params.service),
  },
  {
    httpMethod: "GET",
    path: "/v1/projects/{project}/services/{service}",
    id: "serviceusage.services.get",
    run: async ({ pool, params }) => {
      const rec = await requireVisibleProject(pool, params.project);
      return serviceDoc(rec, requireServiceName(params.service), await serviceState(pool, rec, params.service));
    },
  },
  {
    httpMethod: "GET",
    path: "/v1/operations/{operation}",
    id: "serviceusage.operations.get",
    run: ({ pool, params }) => getLongRunning(pool, `operations/${params.operation}`),
  },
];

async function enableService(pool: pg.Pool, project: string, service: string): Promise<Doc> {
  const rec = await requireVisibleProject(pool, project);
  requireServiceName(service);
  const wasEnabled = (await serviceState(pool, rec, service)) === "ENABLED";
  if (!wasEnabled && NEEDS_BILLING.has(service) && !(await billingInfo(pool, rec)).billingEnabled) {
    throw failedPrecondition(
      `Billing account for project '${rec.projectNumber}' is not found. Billing must be enabled for activation of service(s) '${service}' to proceed.`,
    );
  }
  if (!wasEnabled) {
    await upsertMany(pool, [{ project: rec.projectId, kind: "service", location: "global", name: service, data: { state: "ENABLED" } }]);
  }
  return recordLongRunning(pool, {
    project: rec.projectId,
    // GCP answers an enable that changes nothing with an operation that is already done.
    name: wasEnabled ? `operations/noop.DONE_OPERATION.${randomUUID()}` : `operations/acf.p2-${rec.projectNumber}-${randomUUID()}`,
    metadata: anyOf(`${V1}.OperationMetadata`, { resourceNames: [`services/${service}/projectSettings/${rec.projectNumber}`] }),
    response: anyOf(`${V1}.EnableServiceResponse`, { service: serviceDoc(rec, service, "ENABLED") }),
    noWork: wasEnabled,
  });
}

/** Seeded projects model running deployments, so every API counts as enabled there. */
async function serviceState(pool: pg.Pool, rec: ProjectRecord, service: string): Promise<"ENABLED" | "DISABLED"> {
  if (!rec.gated) return "ENABLED";
  const row = await getResource(pool, { project: rec.projectId, kind: "service", location: "global", name: service });
  return row?.state === "ENABLED" ? "ENABLED" : "DISABLED";
}

function serviceDoc(rec: ProjectRecord, service: string, state: string): Doc {
  return {
    name: `projects/${rec.projectNumber}/services/${service}`,
    parent: `projects/${rec.projectNumber}`,
    config: { name: service, title: TITLES[service] ?? service },
    state,
  };
}

function requireServiceName(service: string): string {
  if (!SERVICE_RE.test(service)) throw invalid(`Invalid service name '${service}': expected e.g. compute.googleapis.com`);
  return service;
}

/**
 * The answer Compute gives in a Resource Manager-created project until its API is enabled
 * (RUNBOOK "In GCP, enable the Compute Engine API"); undefined when the call may proceed.
 */
export async function computeDisabledError(pool: pg.Pool, project: string): Promise<EmulatorError | undefined> {
  // One query, as every compute call pays for it.
  const { rows } = await pool.query<{ number: string }>(
    `SELECT p.data->>'projectNumber' AS number FROM gcp_emulator.resource p
     WHERE p.project = $1 AND p.kind = 'project' AND p.location = 'global' AND p.name = $1 AND p.data->>'servicesGated' = 'true'
       AND NOT EXISTS (SELECT 1 FROM gcp_emulator.resource s WHERE s.project = $1 AND s.kind = 'service' AND s.location = 'global'
                       AND s.name = 'compute.googleapis.com' AND s.data->>'state' = 'ENABLED')`,
    [project],
  );
  const number = rows[0]?.number;
  if (!number) return undefined;
  return new EmulatorError(
    403,
    "PERMISSION_DENIED",
    "accessNotConfigured",
    `Compute Engine API has not been used in project ${number} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/compute.googleapis.com/overview?project=${number} then retry.`,
  );
}
