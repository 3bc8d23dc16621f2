import type pg from "pg";
import { dnsPointsAtLoadBalancer } from "./certificate-dns";
import { setCertificateStatus } from "./certificate-status";
import type { ResourceKey } from "./store";

/**
 * A managed certificate that stays PROVISIONING for a number of reads, then turns ACTIVE:
 * the real one took 1h41m (BRIEF §7), and the provisioning job's long wait with progress
 * needs something to wait for. The script lives in an emulator-internal row, not in the
 * certificate document, so nothing outside the compute proto leaks into responses.
 *
 * Two kinds of script: `provisionCertificateAfterReads` (seeding and tests: count reads from
 * now), and `awaitDnsThenReads` (every certificate created through the API: nothing happens
 * until DNS points the domains at the load balancer, as with Google, then count reads).
 */
interface Script {
  readsLeft: number;
  /** Reads do not count until Cloud DNS resolves every domain to the project's global address. */
  awaitingDns?: boolean;
}

export async function provisionCertificateAfterReads(
  pool: pg.Pool,
  target: { project: string; name?: string; reads: number },
): Promise<boolean> {
  const name = target.name ?? "default-ssl-cert";
  if (!(await setCertificateStatus(pool, { project: target.project, name, status: target.reads > 0 ? "PROVISIONING" : "ACTIVE" }))) {
    return false;
  }
  await writeScript(pool, target.project, name, { readsLeft: target.reads });
  return true;
}

/** Scripts a certificate just inserted (PROVISIONING): DNS first, then `readsAfterDns` more reads. */
export async function awaitDnsThenReads(pool: pg.Pool, target: { project: string; name: string; readsAfterDns: number }): Promise<void> {
  await writeScript(pool, target.project, target.name, { readsLeft: target.readsAfterDns, awaitingDns: true });
}

/**
 * Counts one read of a certificate; the read after the last PROVISIONING one sees ACTIVE. A
 * certificate waiting for DNS counts nothing until the read that first finds DNS in place.
 */
export async function advanceCertificate(pool: pg.Pool, key: ResourceKey): Promise<void> {
  const script = await readScript(pool, key);
  if (!script) return;
  if (script.awaitingDns) {
    if (!(await dnsPointsAtLoadBalancer(pool, key.project, key.name))) return;
    await pool.query(`UPDATE gcp_emulator.resource SET data = data - 'awaitingDns' WHERE ${SCRIPT_WHERE}`, [key.project, key.name]);
  }
  const { rows } = await pool.query<{ left: number }>(
    `UPDATE gcp_emulator.resource SET data = data || jsonb_build_object('readsLeft', (data->>'readsLeft')::int - 1)
     WHERE ${SCRIPT_WHERE} AND NOT data ? 'awaitingDns'
     RETURNING (data->>'readsLeft')::int AS left`,
    [key.project, key.name],
  );
  if (rows.length === 0 || rows[0].left >= 0) return;
  await setCertificateStatus(pool, { project: key.project, name: key.name, status: "ACTIVE" });
  await forgetCertificateScript(pool, key);
}

/** A deleted certificate's script goes with it (a new certificate of the same name starts over). */
export async function forgetCertificateScript(pool: pg.Pool, key: Pick<ResourceKey, "project" | "name">): Promise<void> {
  await pool.query(`DELETE FROM gcp_emulator.resource WHERE ${SCRIPT_WHERE}`, [key.project, key.name]);
}

const SCRIPT_WHERE = `project = $1 AND kind = 'certificateScript' AND location = 'global' AND name = $2`;

async function readScript(pool: pg.Pool, key: ResourceKey): Promise<Script | undefined> {
  const { rows } = await pool.query<{ data: Script }>(`SELECT data FROM gcp_emulator.resource WHERE ${SCRIPT_WHERE}`, [key.project, key.name]);
  return rows[0]?.data;
}

async function writeScript(pool: pg.Pool, project: string, name: string, script: Script): Promise<void> {
  await pool.query(
    `INSERT INTO gcp_emulator.resource (project, kind, location, name, data) VALUES ($1, 'certificateScript', 'global', $2, $3)
     ON CONFLICT (project, kind, location, name) DO UPDATE SET data = excluded.data`,
    [project, name, JSON.stringify(script)],
  );
}
