import { randomBytes } from "node:crypto";
import type pg from "pg";
import { EmulatorError, invalid, notFound } from "./errors";
import { validateLabels } from "./labels";
import { requireVisibleProject, type ProjectRecord } from "./platform-projects";
import type { PlatformEndpoint } from "./platform-routes";
import { requireResource } from "./request-body";
import { now } from "./resources";
import { getResource, insertResource } from "./store";

type Doc = Record<string, unknown>;

const SECRET_ID_RE = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Secret Manager v1, the calls the control plane's secret store makes. Payloads are kept in
 * the emulator's table in the clear: it is a test double, never a place for real secrets.
 */
export const secretManagerEndpoints: PlatformEndpoint[] = [
  {
    httpMethod: "POST",
    path: "/v1/projects/{project}/secrets",
    id: "secretmanager.projects.secrets.create",
    run: ({ pool, params, query, body }) => createSecret(pool, params.project, query.get("secretId") ?? "", body),
  },
  {
    httpMethod: "GET",
    path: "/v1/projects/{project}/secrets/{secret}",
    id: "secretmanager.projects.secrets.get",
    run: async ({ pool, params }) => (await requireSecret(pool, params.project, params.secret)).secret,
  },
  {
    // Deletes the secret with every version at once (Secret Manager has no undelete).
    httpMethod: "DELETE",
    path: "/v1/projects/{project}/secrets/{secret}",
    id: "secretmanager.projects.secrets.delete",
    run: ({ pool, params }) => deleteSecret(pool, params.project, params.secret),
  },
  {
    httpMethod: "POST",
    path: "/v1/projects/{project}/secrets/{secret}:addVersion",
    id: "secretmanager.projects.secrets.addVersion",
    run: ({ pool, params, body }) => addVersion(pool, params.project, params.secret, body),
  },
  {
    httpMethod: "GET",
    path: "/v1/projects/{project}/secrets/{secret}/versions/{version}:access",
    id: "secretmanager.projects.secrets.versions.access",
    run: ({ pool, params }) => accessVersion(pool, params.project, params.secret, params.version),
  },
];

interface SecretRow {
  rec: ProjectRecord;
  secret: Doc;
}

// Names carry the project number, as GCP's do, whichever form the request used.
const secretName = (rec: ProjectRecord, id: string) => `projects/${rec.projectNumber}/secrets/${id}`;

async function createSecret(pool: pg.Pool, project: string, secretId: string, body: unknown): Promise<Doc> {
  const rec = await requireVisibleProject(pool, project);
  if (!SECRET_ID_RE.test(secretId)) throw invalid(`Invalid secret id '${secretId.slice(0, 80)}': use 1-255 letters, digits, '-' or '_'.`);
  const req = requireResource(body);
  const replication = req.replication as Doc | undefined;
  if (!replication || (!replication.automatic && !replication.userManaged)) throw invalid("Secret.replication is required.");
  const secret: Doc = {
    name: secretName(rec, secretId),
    replication,
    createTime: now(),
    labels: validateLabels(req.labels, "secret.labels"),
    etag: `"${randomBytes(6).toString("hex")}"`,
  };
  if (!(await insertResource(pool, { project: rec.projectId, kind: "secret", location: "global", name: secretId, data: { secret, versionCount: 0 } }))) {
    throw new EmulatorError(409, "ALREADY_EXISTS", "alreadyExists", `Secret [${secretName(rec, secretId)}] already exists.`);
  }
  return secret;
}

async function deleteSecret(pool: pg.Pool, project: string, secretId: string): Promise<Doc> {
  const { rec } = await requireSecret(pool, project, secretId);
  await pool.query(
    `DELETE FROM gcp_emulator.resource WHERE project = $1 AND location = 'global' AND ((kind = 'secret' AND name = $2) OR (kind = 'secretVersion' AND starts_with(name, $2 || '/')))`,
    [rec.projectId, secretId],
  );
  return {};
}

async function requireSecret(pool: pg.Pool, project: string, secretId: string): Promise<SecretRow> {
  const rec = await requireVisibleProject(pool, project);
  const row = await getResource(pool, { project: rec.projectId, kind: "secret", location: "global", name: secretId });
  if (!row) throw notFound(secretName(rec, secretId));
  return { rec, secret: row.secret as Doc };
}

async function addVersion(pool: pg.Pool, project: string, secretId: string, body: unknown): Promise<Doc> {
  const { rec } = await requireSecret(pool, project, secretId);
  const payload = (requireResource(body).payload ?? {}) as Doc;
  const data = typeof payload.data === "string" ? payload.data : "";
  if (Buffer.from(data, "base64").length > MAX_PAYLOAD_BYTES) throw invalid(`Secret Version payload is larger than ${MAX_PAYLOAD_BYTES} bytes.`);
  // Numbers come from a counter on the secret, so concurrent adds get distinct versions.
  const { rows } = await pool.query<{ n: number }>(
    `UPDATE gcp_emulator.resource SET data = jsonb_set(data, '{versionCount}', to_jsonb((data->>'versionCount')::int + 1))
     WHERE project = $1 AND kind = 'secret' AND location = 'global' AND name = $2 RETURNING (data->>'versionCount')::int AS n`,
    [rec.projectId, secretId],
  );
  const n = rows[0].n;
  const version: Doc = { name: `${secretName(rec, secretId)}/versions/${n}`, createTime: now(), state: "ENABLED", etag: `"${randomBytes(6).toString("hex")}"` };
  await insertResource(pool, { project: rec.projectId, kind: "secretVersion", location: "global", name: `${secretId}/${n}`, data: { version, data } });
  return version;
}

async function accessVersion(pool: pg.Pool, project: string, secretId: string, version: string): Promise<Doc> {
  const { rec } = await requireSecret(pool, project, secretId);
  if (version !== "latest" && !/^[1-9]\d*$/.test(version)) throw invalid(`Invalid secret version '${version}': a number or 'latest'.`);
  const { rows } = await pool.query<{ data: { version: Doc; data: string } }>(
    `SELECT data FROM gcp_emulator.resource WHERE project = $1 AND kind = 'secretVersion' AND location = 'global'
       AND ${version === "latest" ? "starts_with(name, $2 || '/') ORDER BY split_part(name, '/', 2)::int DESC LIMIT 1" : "name = $2 || '/' || $3"}`,
    version === "latest" ? [rec.projectId, secretId] : [rec.projectId, secretId, version],
  );
  const found = rows[0]?.data;
  if (!found) throw notFound(`${secretName(rec, secretId)}/versions/${version}`);
  return { name: found.version.name, payload: { data: found.data } };
}
