import { randomBytes } from "node:crypto";
import type pg from "pg";
import { EmulatorError } from "./errors";

/**
 * Scripted failures for demos and tests: "the next N calls of method M (in project P) fail
 * with error E". Methods are named like GCP's discovery ids: `compute.instances.insert`,
 * `compute.disks.createSnapshot`, `compute.backendServices.patch`,
 * `cloudresourcemanager.projects.create`, `cloudbilling.projects.updateBillingInfo`,
 * `serviceusage.services.enable`, `iam.projects.serviceAccounts.keys.create`,
 * `dns.resourceRecordSets.create` (or `dns.rrsets.create`), `secretmanager.projects.secrets.addVersion`;
 * each endpoint's id is in its *-api.ts file. Faults live in the
 * emulator's table, so a test (or the demo's control panel) in another process can arm them.
 */
export type FaultPreset = "unavailable" | "internal" | "quotaExceeded" | "permissionDenied";

export interface FaultError {
  httpStatus: number;
  status: string;
  reason: string;
  message: string;
}

const PRESETS: Record<FaultPreset, FaultError> = {
  unavailable: { httpStatus: 503, status: "UNAVAILABLE", reason: "backendError", message: "The service is currently unavailable." },
  internal: { httpStatus: 500, status: "INTERNAL", reason: "backendError", message: "Internal error. Please try again or contact Google Support." },
  quotaExceeded: { httpStatus: 429, status: "RESOURCE_EXHAUSTED", reason: "rateLimitExceeded", message: "Quota exceeded for quota metric 'Queries'." },
  permissionDenied: { httpStatus: 403, status: "PERMISSION_DENIED", reason: "forbidden", message: "Required permission is missing on the project." },
};

export interface FaultSpec {
  method: string;
  /** Only calls on this project fail; every project when unset. */
  project?: string;
  /** How many calls fail before the method works again. Default 1. */
  times?: number;
  error?: FaultPreset | FaultError;
}

const ANY_PROJECT = "*";

export async function failNextCalls(pool: pg.Pool, spec: FaultSpec): Promise<void> {
  const error = typeof spec.error === "object" ? spec.error : PRESETS[spec.error ?? "unavailable"];
  await pool.query(
    `INSERT INTO gcp_emulator.resource (project, kind, location, name, data) VALUES ($1, 'fault', 'global', $2, $3)`,
    [
      spec.project ?? ANY_PROJECT,
      `${spec.method}/${randomBytes(6).toString("hex")}`,
      JSON.stringify({ method: spec.method, remaining: spec.times ?? 1, error }),
    ],
  );
}

/**
 * Consumes one armed fault for this call, if any, and returns the error to answer with.
 * SKIP LOCKED makes concurrent calls consume distinct faults: "fail once" fails exactly once.
 * `method` may list a call's aliases (`dns.resourceRecordSets.create` and `dns.rrsets.create`).
 */
export async function takeFault(pool: pg.Pool, method: string | string[], project: string): Promise<EmulatorError | undefined> {
  const { rows } = await pool.query<{ error: FaultError }>(
    `WITH hit AS (
       SELECT project, name FROM gcp_emulator.resource
       WHERE kind = 'fault' AND location = 'global' AND project IN ($2, '${ANY_PROJECT}')
         AND data->>'method' = ANY($1::text[]) AND (data->>'remaining')::int > 0
       ORDER BY name LIMIT 1 FOR UPDATE SKIP LOCKED)
     UPDATE gcp_emulator.resource r
       SET data = jsonb_set(r.data, '{remaining}', to_jsonb((r.data->>'remaining')::int - 1))
     FROM hit WHERE r.kind = 'fault' AND r.location = 'global' AND r.project = hit.project AND r.name = hit.name
     RETURNING r.data->'error' AS error`,
    [typeof method === "string" ? [method] : method, project],
  );
  const e = rows[0]?.error;
  return e && new EmulatorError(e.httpStatus, e.status, e.reason, e.message);
}

export async function clearFaults(pool: pg.Pool): Promise<void> {
  await pool.query(`DELETE FROM gcp_emulator.resource WHERE kind IN ('fault', 'certificateScript')`);
}
