import type pg from "pg";
import { setCertificateStatus } from "./certificate-status";
import type { ResourceKey } from "./store";

/**
 * A managed certificate that stays PROVISIONING for a number of reads, then turns ACTIVE:
 * the real one took 1h41m (BRIEF §7), and the provisioning job's long wait with progress
 * needs something to wait for. The script lives in an emulator-internal row, not in the
 * certificate document, so nothing outside the compute proto leaks into responses.
 */
export async function provisionCertificateAfterReads(
  pool: pg.Pool,
  target: { project: string; name?: string; reads: number },
): Promise<boolean> {
  const name = target.name ?? "default-ssl-cert";
  if (!(await setCertificateStatus(pool, { project: target.project, name, status: target.reads > 0 ? "PROVISIONING" : "ACTIVE" }))) {
    return false;
  }
  await pool.query(
    `INSERT INTO gcp_emulator.resource (project, kind, location, name, data) VALUES ($1, 'certificateScript', 'global', $2, $3)
     ON CONFLICT (project, kind, location, name) DO UPDATE SET data = excluded.data`,
    [target.project, name, JSON.stringify({ readsLeft: target.reads })],
  );
  return true;
}

/** Counts one read of a certificate; the read after the last PROVISIONING one sees ACTIVE. */
export async function advanceCertificate(pool: pg.Pool, key: ResourceKey): Promise<void> {
  const { rows } = await pool.query<{ left: number }>(
    `UPDATE gcp_emulator.resource SET data = jsonb_build_object('readsLeft', (data->>'readsLeft')::int - 1)
     WHERE project = $1 AND kind = 'certificateScript' AND location = 'global' AND name = $2
     RETURNING (data->>'readsLeft')::int AS left`,
    [key.project, key.name],
  );
  if (rows.length === 0 || rows[0].left >= 0) return;
  await setCertificateStatus(pool, { project: key.project, name: key.name, status: "ACTIVE" });
  await pool.query(
    `DELETE FROM gcp_emulator.resource WHERE project = $1 AND kind = 'certificateScript' AND location = 'global' AND name = $2`,
    [key.project, key.name],
  );
}
