import { randomBytes } from "node:crypto";
import type pg from "pg";
import { aborted, alreadyExists, invalid } from "./errors";
import { EMULATOR_CALLER, readPolicy, writePolicyIf, type PolicyDoc } from "./iam-policy-store";
import { validateLabels } from "./labels";
import { anyOf, getLongRunning, recordLongRunning } from "./long-running";
import { validatePolicy } from "./policy-validation";
import { newProjectNumber, requireVisibleProject, type ProjectRecord } from "./platform-projects";
import type { PlatformEndpoint } from "./platform-routes";
import { asString, requireResource } from "./request-body";
import { now } from "./resources";
import { insertResource, patchResource } from "./store";

type Doc = Record<string, unknown>;

const V3 = "google.cloud.resourcemanager.v3";
// GCP's rule: 6-30 characters, lowercase letters, digits and hyphens, starting with a letter.
const PROJECT_ID_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DISPLAY_NAME_RE = /^[A-Za-z0-9'"! -]{4,30}$/;
const PARENT_RE = /^(organizations|folders)\/\d+$/;

/** Resource Manager v3, the calls that create a project and manage who may use it. */
export const resourceManagerEndpoints: PlatformEndpoint[] = [
  {
    httpMethod: "POST",
    path: "/v3/projects",
    id: "cloudresourcemanager.projects.create",
    faultProject: (_params, body) => asString((body as Doc | undefined)?.projectId) ?? "",
    run: ({ pool, body }) => createProject(pool, body),
  },
  {
    // projects.list: the direct children of one folder or organization (`parent` is required;
    // INVALID_ARGUMENT without it), ACTIVE ones unless showDeleted, paged by pageToken.
    httpMethod: "GET",
    path: "/v3/projects",
    id: "cloudresourcemanager.projects.list",
    run: ({ pool, query }) => listProjects(pool, query),
  },
  {
    httpMethod: "GET",
    path: "/v3/projects/{project}",
    id: "cloudresourcemanager.projects.get",
    run: async ({ pool, params }) => projectDoc(await requireVisibleProject(pool, params.project)),
  },
  {
    httpMethod: "DELETE",
    path: "/v3/projects/{project}",
    id: "cloudresourcemanager.projects.delete",
    run: ({ pool, params }) => deleteProject(pool, params.project),
  },
  {
    httpMethod: "POST",
    path: "/v3/projects/{project}:getIamPolicy",
    id: "cloudresourcemanager.projects.getIamPolicy",
    run: async ({ pool, params }) => policyResponse(await readPolicy(pool, (await requireVisibleProject(pool, params.project)).projectId)),
  },
  {
    httpMethod: "POST",
    path: "/v3/projects/{project}:setIamPolicy",
    id: "cloudresourcemanager.projects.setIamPolicy",
    run: ({ pool, params, body }) => setIamPolicy(pool, params.project, body),
  },
  {
    httpMethod: "GET",
    path: "/v3/operations/{operation}",
    id: "cloudresourcemanager.operations.get",
    run: ({ pool, params }) => getLongRunning(pool, `operations/${params.operation}`),
  },
];

async function createProject(pool: pg.Pool, body: unknown): Promise<Doc> {
  const req = requireResource(body);
  const projectId = asString(req.projectId) ?? "";
  if (!PROJECT_ID_RE.test(projectId)) {
    throw invalid(`Field 'project_id' value '${projectId}' is invalid: 6 to 30 lowercase letters, digits, or hyphens, starting with a letter.`);
  }
  const displayName = asString(req.displayName) || projectId.slice(0, 30);
  if (!DISPLAY_NAME_RE.test(displayName)) throw invalid(`Field 'display_name' value '${displayName}' is invalid.`);
  const parent = asString(req.parent) ?? "";
  if (parent && !PARENT_RE.test(parent)) throw invalid(`Field 'parent' value '${parent}' must be organizations/<id> or folders/<id>.`);
  const labels = validateLabels(req.labels, "project.labels");

  const projectNumber = newProjectNumber();
  const ts = now();
  const project: Doc = {
    name: `projects/${projectNumber}`,
    parent,
    projectId,
    state: "ACTIVE",
    displayName,
    createTime: ts,
    updateTime: ts,
    etag: `W/"${randomBytes(8).toString("hex")}"`,
    labels,
  };
  // The same row Compute checks for the project's existence, so a created project is usable there too.
  const inserted = await insertResource(pool, {
    project: projectId,
    kind: "project",
    location: "global",
    name: projectId,
    data: { name: projectId, kind: "compute#project", projectNumber, servicesGated: true, resourceManager: project },
  });
  // Project ids are global across all of GCP: a taken id is ALREADY_EXISTS whoever owns it.
  if (!inserted) throw alreadyExists(`projects/${projectId}`);
  await writePolicyIf(pool, projectId, undefined, { version: 1, bindings: [{ role: "roles/owner", members: [EMULATOR_CALLER] }] });
  return recordLongRunning(pool, {
    project: projectId,
    name: `operations/cp.${randomBytes(8).readBigUInt64BE() % 10n ** 19n}`,
    metadata: anyOf(`${V3}.CreateProjectMetadata`, { createTime: ts, gettable: true, ready: true }),
    response: anyOf(`${V3}.Project`, project),
  });
}

async function listProjects(pool: pg.Pool, query: URLSearchParams): Promise<Doc> {
  const parent = query.get("parent") ?? "";
  if (!PARENT_RE.test(parent)) throw invalid(`Request field 'parent' must be organizations/<id> or folders/<id>; got '${parent}'.`);
  const pageSize = Math.min(Math.max(Number(query.get("pageSize")) || 500, 1), 1000);
  const offset = Number(query.get("pageToken") ?? "0") || 0;
  const { rows } = await pool.query<{ project: string; data: Doc }>(
    `SELECT project, data FROM gcp_emulator.resource WHERE kind = 'project' AND location = 'global' AND name = project
       AND data->'resourceManager'->>'parent' = $1 ORDER BY project OFFSET $2 LIMIT $3`,
    [parent, offset, pageSize + 1],
  );
  const projects = rows.slice(0, pageSize).map((r) => r.data.resourceManager as Doc).filter((p) => query.get("showDeleted") === "true" || p.state === "ACTIVE");
  return { projects, ...(rows.length > pageSize ? { nextPageToken: String(offset + pageSize) } : {}) };
}

/**
 * projects.delete: ACTIVE → DELETE_REQUESTED, nothing more. GCP keeps the project (visible to
 * get and list, and recoverable with undelete) for 30 days before it is purged; deleting a
 * DELETE_REQUESTED project again changes nothing and is not an error.
 */
async function deleteProject(pool: pg.Pool, project: string): Promise<Doc> {
  const rec = await requireVisibleProject(pool, project);
  const current = projectDoc(rec);
  const next = current.state === "DELETE_REQUESTED" ? current : { ...current, state: "DELETE_REQUESTED", deleteTime: now(), updateTime: now() };
  await patchResource(pool, { project: rec.projectId, kind: "project", location: "global", name: rec.projectId }, { resourceManager: next });
  return recordLongRunning(pool, {
    project: rec.projectId,
    name: `operations/dp.${randomBytes(8).readBigUInt64BE() % 10n ** 19n}`,
    metadata: anyOf(`${V3}.DeleteProjectMetadata`, {}),
    response: anyOf(`${V3}.Project`, next),
    noWork: current.state === "DELETE_REQUESTED",
  });
}

/** The v3 Project; seeded projects never went through createProject, so theirs is made up. */
export function projectDoc(rec: ProjectRecord): Doc {
  const stored = rec.data.resourceManager;
  if (stored && typeof stored === "object") return stored as Doc;
  return {
    name: `projects/${rec.projectNumber}`,
    parent: "",
    projectId: rec.projectId,
    state: "ACTIVE",
    displayName: rec.projectId.slice(0, 30),
    labels: {},
  };
}

async function setIamPolicy(pool: pg.Pool, project: string, body: unknown): Promise<Doc> {
  const rec = await requireVisibleProject(pool, project);
  const policy = (requireResource(body).policy ?? {}) as Doc;
  const validated = await validatePolicy(pool, policy);
  const etag = asString(policy.etag) || undefined;
  const written = await writePolicyIf(pool, rec.projectId, etag, validated);
  if (!written) throw aborted("There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.");
  return policyResponse(written);
}

function policyResponse(p: PolicyDoc): Doc {
  return { version: p.version, etag: p.etag, bindings: p.bindings };
}
