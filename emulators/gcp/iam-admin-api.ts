import { randomInt } from "node:crypto";
import type pg from "pg";
import { EmulatorError, failedPrecondition, invalid, notFound } from "./errors";
import { requireExistingProject } from "./platform-projects";
import type { PlatformEndpoint } from "./platform-routes";
import { asString, requireResource } from "./request-body";
import { now } from "./resources";
import { generateServiceAccountKey } from "./service-account-key-file";
import { deletePublicKey, storePublicKey } from "./service-account-public-keys";
import { deleteResource, getResource, insertResource } from "./store";

type Doc = Record<string, unknown>;

// GCP's rule for account ids: 6-30 characters, lowercase letters, digits and hyphens.
const ACCOUNT_ID_RE = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;
/** GCP's cap on user-managed keys per service account; minting keys on every retry runs into it. */
export const MAX_KEYS_PER_ACCOUNT = 10;

/** IAM Admin v1: service accounts and their keys (RUNBOOK "Create GCP service account credentials"). */
export const iamAdminEndpoints: PlatformEndpoint[] = [
  {
    httpMethod: "POST",
    path: "/v1/projects/{project}/serviceAccounts",
    id: "iam.projects.serviceAccounts.create",
    run: ({ pool, params, body }) => createServiceAccount(pool, params.project, body),
  },
  {
    httpMethod: "GET",
    path: "/v1/projects/{project}/serviceAccounts/{account}",
    id: "iam.projects.serviceAccounts.get",
    run: ({ pool, params }) => requireAccount(pool, params.project, params.account),
  },
  {
    httpMethod: "POST",
    path: "/v1/projects/{project}/serviceAccounts/{account}/keys",
    id: "iam.projects.serviceAccounts.keys.create",
    run: ({ pool, params, body, config }) => createKey(pool, params.project, params.account, body, config.tokenUri),
  },
  {
    httpMethod: "GET",
    path: "/v1/projects/{project}/serviceAccounts/{account}/keys",
    id: "iam.projects.serviceAccounts.keys.list",
    run: async ({ pool, params }) => ({ keys: await listKeys(pool, await requireAccount(pool, params.project, params.account)) }),
  },
  {
    httpMethod: "DELETE",
    path: "/v1/projects/{project}/serviceAccounts/{account}/keys/{key}",
    id: "iam.projects.serviceAccounts.keys.delete",
    run: ({ pool, params }) => deleteKey(pool, params.project, params.account, params.key),
  },
];

async function createServiceAccount(pool: pg.Pool, project: string, body: unknown): Promise<Doc> {
  const rec = await requireExistingProject(pool, project);
  const req = requireResource(body);
  const accountId = asString(req.accountId) ?? "";
  if (!ACCOUNT_ID_RE.test(accountId)) {
    throw invalid(`Invalid account id '${accountId}': 6-30 lowercase letters, digits or hyphens, starting with a letter.`);
  }
  const sa = (req.serviceAccount ?? {}) as Doc;
  const email = `${accountId}@${rec.projectId}.iam.gserviceaccount.com`;
  // Unique ids are 21 digits in GCP.
  const uniqueId = `1${String(randomInt(10 ** 9, 10 ** 10))}${String(randomInt(10 ** 9, 10 ** 10))}`;
  const doc: Doc = {
    name: `projects/${rec.projectId}/serviceAccounts/${email}`,
    projectId: rec.projectId,
    uniqueId,
    email,
    displayName: asString(sa.displayName) ?? "",
    description: asString(sa.description) ?? "",
    etag: "MDEwMjE5MjA=",
    oauth2ClientId: uniqueId,
    disabled: false,
  };
  if (!(await insertResource(pool, { project: rec.projectId, kind: "serviceAccount", location: "global", name: email, data: doc }))) {
    throw new EmulatorError(409, "ALREADY_EXISTS", "alreadyExists", `Service account ${accountId} already exists within project projects/${rec.projectId}.`);
  }
  return doc;
}

/** `projects/-/serviceAccounts/<email>` means "whichever project the email belongs to". */
async function requireAccount(pool: pg.Pool, project: string, account: string): Promise<Doc> {
  const owner = project === "-" ? /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(account)?.[1] ?? "" : project;
  const rec = await requireExistingProject(pool, owner);
  const doc = await getResource(pool, { project: rec.projectId, kind: "serviceAccount", location: "global", name: account });
  if (!doc) throw notFound(`projects/${rec.projectId}/serviceAccounts/${account}`);
  return doc;
}

async function createKey(pool: pg.Pool, project: string, account: string, body: unknown, tokenUri: string | undefined): Promise<Doc> {
  const sa = await requireAccount(pool, project, account);
  const req = (body ?? {}) as Doc;
  const keyType = asString(req.privateKeyType) ?? "TYPE_GOOGLE_CREDENTIALS_FILE";
  if (keyType !== "TYPE_GOOGLE_CREDENTIALS_FILE") throw invalid(`The emulator only issues TYPE_GOOGLE_CREDENTIALS_FILE keys, not ${keyType}.`);
  const algorithm = asString(req.keyAlgorithm) ?? "KEY_ALG_RSA_2048";
  if (algorithm !== "KEY_ALG_RSA_2048") throw invalid(`The emulator only issues KEY_ALG_RSA_2048 keys, not ${algorithm}.`);
  if ((await listKeys(pool, sa)).length >= MAX_KEYS_PER_ACCOUNT) throw failedPrecondition("Precondition check failed.");

  const email = String(sa.email);
  const generated = await generateServiceAccountKey({ projectId: String(sa.projectId), email, uniqueId: String(sa.uniqueId) }, tokenUri);
  const key: Doc = {
    name: `projects/${String(sa.projectId)}/serviceAccounts/${email}/keys/${generated.keyId}`,
    privateKeyType: keyType,
    keyAlgorithm: algorithm,
    validAfterTime: now(),
    validBeforeTime: "9999-12-31T23:59:59Z",
    keyOrigin: "GOOGLE_PROVIDED",
    keyType: "USER_MANAGED",
    disabled: false,
  };
  // Only the metadata and the public key are kept: the private key is handed out once, as GCP
  // does. The public key lets the token endpoint verify what the key signs.
  await storePublicKey(pool, { keyId: generated.keyId, project: String(sa.projectId), email, publicKey: generated.publicKey });
  await insertResource(pool, { project: String(sa.projectId), kind: "serviceAccountKey", location: "global", name: `${email}/${generated.keyId}`, data: key });
  return { ...key, privateKeyData: generated.privateKeyData };
}

async function listKeys(pool: pg.Pool, sa: Doc): Promise<Doc[]> {
  const { rows } = await pool.query<{ data: Doc }>(
    `SELECT data FROM gcp_emulator.resource WHERE project = $1 AND kind = 'serviceAccountKey' AND location = 'global'
       AND starts_with(name, $2) ORDER BY data->>'validAfterTime', name`,
    [sa.projectId, `${String(sa.email)}/`],
  );
  return rows.map((r) => r.data);
}

async function deleteKey(pool: pg.Pool, project: string, account: string, keyId: string): Promise<Doc> {
  const sa = await requireAccount(pool, project, account);
  const key = { project: String(sa.projectId), kind: "serviceAccountKey" as const, location: "global" as const, name: `${String(sa.email)}/${keyId}` };
  if (!(await deleteResource(pool, key))) throw notFound(`projects/${String(sa.projectId)}/serviceAccounts/${String(sa.email)}/keys/${keyId}`);
  await deletePublicKey(pool, keyId);
  return {};
}
