import type pg from "pg";
import { decodeJwt, verifyRs256, withinLifetime } from "./jwt";
import { findSigningKey } from "./service-account-public-keys";

/**
 * Who holds which bearer token. The token endpoint records every access token it issues;
 * a verified self-signed JWT used directly as a bearer token is recorded the first time it is
 * seen. Nothing is rejected on this basis yet (demo and test tokens are arbitrary strings);
 * the records let later checks, and tests, ask which service account made a call.
 */
export type GrantType = "jwt-bearer" | "self-signed-jwt";

export interface AccessTokenRecord {
  token: string;
  email: string;
  keyId: string;
  grantType: GrantType;
  scope: string;
  issuedAt: Date;
  expiresAt: Date;
}

interface Row {
  token: string;
  email: string;
  key_id: string;
  grant_type: GrantType;
  scope: string;
  issued_at: Date;
  expires_at: Date;
}

const toRecord = (r: Row): AccessTokenRecord => ({
  token: r.token,
  email: r.email,
  keyId: r.key_id,
  grantType: r.grant_type,
  scope: r.scope,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
});

export async function recordAccessToken(pool: pg.Pool, rec: Omit<AccessTokenRecord, "issuedAt">): Promise<void> {
  // Every Terraform run trades its key for a fresh token; a day after expiry nobody asks about them.
  await pool.query(`DELETE FROM gcp_emulator.access_token WHERE expires_at < now() - interval '1 day'`);
  await pool.query(
    `INSERT INTO gcp_emulator.access_token (token, email, key_id, grant_type, scope, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token) DO NOTHING`,
    [rec.token, rec.email, rec.keyId, rec.grantType, rec.scope, rec.expiresAt],
  );
}

/** The service account a bearer token belongs to, or undefined for tokens the emulator did not issue or verify. */
export async function findAccessToken(pool: pg.Pool, token: string): Promise<AccessTokenRecord | undefined> {
  const { rows } = await pool.query<Row>(`SELECT * FROM gcp_emulator.access_token WHERE token = $1`, [token]);
  return rows[0] && toRecord(rows[0]);
}

/** Every token issued to (or self-signed by) a service account, oldest first. */
export async function accessTokensOf(pool: pg.Pool, email: string): Promise<AccessTokenRecord[]> {
  const { rows } = await pool.query<Row>(`SELECT * FROM gcp_emulator.access_token WHERE email = $1 ORDER BY issued_at, token`, [email]);
  return rows.map(toRecord);
}

/**
 * Records a bearer token that is a self-signed JWT of an emulator-minted key (iss = sub = the
 * key's service account, RS256 by that key, within its lifetime). Other tokens pass unrecorded.
 */
export async function noteSelfSignedJwt(pool: pg.Pool, token: string): Promise<void> {
  const jwt = decodeJwt(token);
  if (!jwt?.header.kid || !withinLifetime(jwt)) return;
  if (await findAccessToken(pool, token)) return;
  const key = await findSigningKey(pool, jwt.header.kid);
  if (!key || jwt.claims.iss !== key.email || (jwt.claims.sub ?? key.email) !== key.email || !verifyRs256(jwt, key.publicKey)) return;
  await recordAccessToken(pool, {
    token,
    email: key.email,
    keyId: key.keyId,
    grantType: "self-signed-jwt",
    scope: jwt.claims.scope ?? jwt.claims.aud ?? "",
    expiresAt: new Date(jwt.claims.exp! * 1000),
  });
}
