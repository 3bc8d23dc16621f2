import type pg from "pg";
import { managedStatus } from "./resources";

/** Sets a managed certificate's status (and its domains' status with it). Returns whether it existed. */
export async function setCertificateStatus(
  pool: pg.Pool,
  target: { project: string; name?: string; status: string },
): Promise<boolean> {
  const name = target.name ?? "default-ssl-cert";
  const { rows } = await pool.query<{ domains: string[] | null }>(
    `SELECT data->'managed'->'domains' AS domains FROM gcp_emulator.resource
     WHERE project = $1 AND kind = 'sslCertificate' AND location = 'global' AND name = $2`,
    [target.project, name],
  );
  if (rows.length === 0) return false;
  const managed = managedStatus(rows[0].domains ?? [], target.status);
  const { rowCount } = await pool.query(
    `UPDATE gcp_emulator.resource SET data = data || jsonb_build_object('managed', $3::jsonb)
     WHERE project = $1 AND kind = 'sslCertificate' AND location = 'global' AND name = $2`,
    [target.project, name, JSON.stringify(managed)],
  );
  return rowCount === 1;
}
