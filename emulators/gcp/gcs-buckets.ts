import type pg from "pg";
import { requireExistingProject } from "./platform-projects";
import { bucketNameTaken, bucketNotEmpty, noSuchBucket, requiredParameter, storageInvalid } from "./gcs-errors";

type Doc = Record<string, unknown>;

export interface BucketRow {
  name: string;
  project: string;
  data: Doc;
}

// GCS naming rules (without the dotted, domain-named form): 3-63 lowercase letters, digits,
// dashes and underscores, starting and ending with a letter or digit; no "goog" prefix.
const BUCKET_NAME_RE = /^[a-z0-9][-a-z0-9_]{1,61}[a-z0-9]$/;
const MULTI_REGIONS = new Set(["US", "EU", "ASIA"]);
const MAX_PAGE = 1000;

export async function findBucket(pool: pg.Pool, name: string): Promise<BucketRow | undefined> {
  const { rows } = await pool.query<BucketRow>(`SELECT name, project, data FROM gcp_emulator.storage_bucket WHERE name = $1`, [name]);
  return rows[0];
}

export async function requireBucket(pool: pg.Pool, name: string): Promise<BucketRow> {
  const found = await findBucket(pool, name);
  if (!found) throw noSuchBucket();
  return found;
}

/** buckets.insert: `POST /storage/v1/b?project=P` with `{name, location?, labels?, versioning?, storageClass?}`. */
export async function createBucket(pool: pg.Pool, projectParam: string | null, body: unknown): Promise<Doc> {
  if (!projectParam) throw requiredParameter("project");
  const project = await requireExistingProject(pool, projectParam);
  const req = (body && typeof body === "object" ? body : {}) as Doc;
  const name = typeof req.name === "string" ? req.name : "";
  if (!BUCKET_NAME_RE.test(name) || name.startsWith("goog")) throw storageInvalid(`Invalid bucket name: '${name}'`);
  const location = (typeof req.location === "string" ? req.location : "US").toUpperCase();
  const ts = new Date().toISOString();
  const data: Doc = {
    kind: "storage#bucket",
    selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
    id: name,
    name,
    projectNumber: project.projectNumber,
    metageneration: "1",
    location,
    locationType: MULTI_REGIONS.has(location) ? "multi-region" : "region",
    storageClass: typeof req.storageClass === "string" ? req.storageClass : "STANDARD",
    etag: "CAE=",
    timeCreated: ts,
    updated: ts,
    labels: req.labels && typeof req.labels === "object" ? req.labels : undefined,
    versioning: req.versioning && typeof req.versioning === "object" ? req.versioning : undefined,
    iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: "inherited" },
    rpo: "DEFAULT",
  };
  const { rowCount } = await pool.query(
    `INSERT INTO gcp_emulator.storage_bucket (name, project, data) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
    [name, project.projectId, JSON.stringify(data)],
  );
  if (rowCount !== 1) {
    const owner = await findBucket(pool, name);
    throw bucketNameTaken(owner?.project === project.projectId);
  }
  return JSON.parse(JSON.stringify(data)) as Doc;
}

/** buckets.list: `GET /storage/v1/b?project=P[&prefix=&maxResults=&pageToken=]`, by name. */
export async function listBuckets(pool: pg.Pool, query: URLSearchParams): Promise<Doc> {
  const projectParam = query.get("project");
  if (!projectParam) throw requiredParameter("project");
  const project = await requireExistingProject(pool, projectParam);
  const limit = Math.min(Number(query.get("maxResults")) || MAX_PAGE, MAX_PAGE);
  const after = query.get("pageToken") ? Buffer.from(query.get("pageToken")!, "base64url").toString() : "";
  const { rows } = await pool.query<{ data: Doc; name: string }>(
    `SELECT name, data FROM gcp_emulator.storage_bucket
     WHERE project = $1 AND starts_with(name, $2) AND name COLLATE "C" > $3 ORDER BY name COLLATE "C" LIMIT $4`,
    [project.projectId, query.get("prefix") ?? "", after, limit + 1],
  );
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  return {
    kind: "storage#buckets",
    ...(page.length ? { items: page.map((r) => r.data) } : {}),
    ...(more ? { nextPageToken: Buffer.from(page[page.length - 1].name).toString("base64url") } : {}),
  };
}

/**
 * buckets.delete: 204, or 409 while objects remain. The check and the delete are one
 * statement, and the objects' foreign key catches an upload that slips in between.
 */
export async function deleteBucket(pool: pg.Pool, name: string): Promise<void> {
  let deleted: number | null;
  try {
    ({ rowCount: deleted } = await pool.query(
      `DELETE FROM gcp_emulator.storage_bucket b WHERE b.name = $1
         AND NOT EXISTS (SELECT 1 FROM gcp_emulator.storage_object o WHERE o.bucket = b.name)`,
      [name],
    ));
  } catch (err) {
    if ((err as { code?: string }).code === "23503") throw bucketNotEmpty();
    throw err;
  }
  if (deleted === 1) return;
  await requireBucket(pool, name);
  throw bucketNotEmpty();
}

/** Creates the bucket unless the project already owns it (demo seeding, tests); 409 if another project does. */
export async function ensureBucket(pool: pg.Pool, seed: { project: string; name: string; location?: string }): Promise<Doc> {
  const existing = await findBucket(pool, seed.name);
  if (existing?.project === seed.project) return existing.data;
  return createBucket(pool, seed.project, { name: seed.name, location: seed.location });
}

/** Empties Cloud Storage (buckets, objects, upload sessions); resetEmulator() leaves these tables alone. */
export async function resetCloudStorage(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE gcp_emulator.storage_upload, gcp_emulator.storage_object, gcp_emulator.storage_bucket`);
}
