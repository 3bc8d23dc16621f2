import type pg from "pg";

/**
 * The public halves of the keys the IAM emulator mints, so the token endpoint can verify what
 * a key signed. A key only verifies while its IAM key resource exists and neither it nor its
 * service account is disabled: deleting a key in IAM revokes it, as in GCP.
 */
export interface SigningKey {
  keyId: string;
  project: string;
  email: string;
  publicKey: string;
}

export async function storePublicKey(pool: pg.Pool, key: SigningKey): Promise<void> {
  await pool.query(
    `INSERT INTO gcp_emulator.service_account_public_key (key_id, project, email, public_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key_id) DO NOTHING`,
    [key.keyId, key.project, key.email, key.publicKey],
  );
}

export async function deletePublicKey(pool: pg.Pool, keyId: string): Promise<void> {
  await pool.query(`DELETE FROM gcp_emulator.service_account_public_key WHERE key_id = $1`, [keyId]);
}

export async function findSigningKey(pool: pg.Pool, keyId: string): Promise<SigningKey | undefined> {
  const { rows } = await pool.query<{ key_id: string; project: string; email: string; public_key: string }>(
    `SELECT k.key_id, k.project, k.email, k.public_key
     FROM gcp_emulator.service_account_public_key k
     JOIN gcp_emulator.resource r ON r.project = k.project AND r.kind = 'serviceAccountKey' AND r.location = 'global'
       AND r.name = k.email || '/' || k.key_id
     JOIN gcp_emulator.resource sa ON sa.project = k.project AND sa.kind = 'serviceAccount' AND sa.location = 'global'
       AND sa.name = k.email
     WHERE k.key_id = $1 AND NOT coalesce((r.data->>'disabled')::boolean, false)
       AND NOT coalesce((sa.data->>'disabled')::boolean, false)`,
    [keyId],
  );
  const row = rows[0];
  return row && { keyId: row.key_id, project: row.project, email: row.email, publicKey: row.public_key };
}
