import type pg from "pg";
import { NAMES } from "./names";

/**
 * Whether Google could see the load balancer behind every domain of a managed certificate:
 * some Cloud DNS zone the emulator serves has an A record `<domain>.` whose data includes
 * the project's global address. Until then a real managed certificate stays PROVISIONING.
 */
export async function dnsPointsAtLoadBalancer(pool: pg.Pool, project: string, certificate: string): Promise<boolean> {
  const { rows } = await pool.query<{ ready: boolean | null }>(
    `SELECT bool_and(EXISTS (
         SELECT 1 FROM gcp_emulator.resource r
         WHERE r.kind = 'recordSet' AND r.data->>'type' = 'A'
           AND r.data->>'name' = lower(rtrim(d.domain, '.')) || '.'
           AND r.data->'rrdatas' ? (a.data->>'address')
       )) AS ready
     FROM gcp_emulator.resource c
     CROSS JOIN LATERAL jsonb_array_elements_text(c.data->'managed'->'domains') AS d(domain)
     JOIN gcp_emulator.resource a ON a.project = c.project AND a.kind = 'address' AND a.location = 'global' AND a.name = $3
     WHERE c.project = $1 AND c.kind = 'sslCertificate' AND c.location = 'global' AND c.name = $2`,
    [project, certificate, NAMES.globalAddress],
  );
  return rows[0]?.ready === true;
}
