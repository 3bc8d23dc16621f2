import { createHash, randomInt } from "node:crypto";
import type pg from "pg";
import { notFound, permissionDenied } from "./errors";

type Doc = Record<string, unknown>;

/**
 * A project as the non-compute APIs see it. Projects seeded by state.ts model deployments that
 * already run, so they count as fully set up (billing linked, every API enabled); projects
 * created through Resource Manager start bare and are `gated`: Compute answers
 * SERVICE_DISABLED until compute.googleapis.com is enabled, as in a fresh GCP project.
 */
export interface ProjectRecord {
  projectId: string;
  projectNumber: string;
  gated: boolean;
  data: Doc;
}

/** Real project numbers are 12 digits; a seeded project's is derived from its id, so it is stable. */
export function derivedProjectNumber(projectId: string): string {
  const h = createHash("sha256").update(`project-number/${projectId}`).digest();
  return String(100_000_000_000 + (h.readUIntBE(0, 6) % 900_000_000_000));
}

export function newProjectNumber(): string {
  return String(randomInt(100_000, 1_000_000)) + String(randomInt(100_000, 1_000_000));
}

/** Looks a project up by id or, as every GCP API also accepts, by number. */
export async function findProject(pool: pg.Pool, idOrNumber: string): Promise<ProjectRecord | undefined> {
  const byNumber = /^\d+$/.test(idOrNumber);
  const { rows } = await pool.query<{ project: string; data: Doc }>(
    `SELECT project, data FROM gcp_emulator.resource WHERE kind = 'project' AND location = 'global' AND ${
      byNumber ? "data->>'projectNumber' = $1" : "project = $1 AND name = $1"
    } LIMIT 1`,
    [idOrNumber],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    projectId: row.project,
    projectNumber: typeof row.data.projectNumber === "string" ? row.data.projectNumber : derivedProjectNumber(row.project),
    gated: row.data.servicesGated === true,
    data: row.data,
  };
}

/**
 * Resource Manager, Billing, Service Usage and Secret Manager answer 403 for a project that
 * does not exist, so that callers cannot probe for other people's project ids.
 */
export async function requireVisibleProject(pool: pg.Pool, idOrNumber: string): Promise<ProjectRecord> {
  const found = await findProject(pool, idOrNumber);
  if (!found) throw permissionDenied(`Permission denied on resource project ${idOrNumber} (or it may not exist).`);
  return found;
}

/** IAM and Cloud DNS report a missing project as 404. */
export async function requireExistingProject(pool: pg.Pool, idOrNumber: string): Promise<ProjectRecord> {
  const found = await findProject(pool, idOrNumber);
  if (!found) throw notFound(`projects/${idOrNumber}`);
  return found;
}
