import { randomBytes } from "node:crypto";
import type pg from "pg";
import { recordAccessToken } from "./access-tokens";
import { decodeJwt, verifyRs256, withinLifetime } from "./jwt";
import { RawReply } from "./raw-reply";
import { findSigningKey } from "./service-account-public-keys";

/**
 * `POST /token`, the emulator's stand-in for https://oauth2.googleapis.com/token: the
 * `token_uri` of every key the IAM emulator mints points here, so real client libraries
 * (Terraform's gcs backend, google-auth-library) trade a key for an access token exactly as
 * they would with Google. Only the service-account grant (RFC 7523 jwt-bearer) is served.
 * Errors use OAuth's shape, `{error, error_description}`, with Google's wording.
 */
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const LIFETIME_SECONDS = 3600;

export async function serveTokenEndpoint(pool: pg.Pool, body: Buffer, contentType: string, audiences: string[]): Promise<RawReply> {
  const params = parseParams(body, contentType);
  const grantType = params.get("grant_type") ?? "";
  if (grantType !== JWT_BEARER) return oauthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
  const jwt = decodeJwt(params.get("assertion") ?? "");
  if (!jwt) return oauthError(400, "invalid_request", "Invalid assertion format. 3 parts separated by '.' expected.");
  if (jwt.claims.target_audience) return oauthError(400, "invalid_request", "The GCP emulator issues access tokens only, not ID tokens.");
  const key = jwt.header.kid ? await findSigningKey(pool, jwt.header.kid) : undefined;
  // An unknown, deleted or disabled key is indistinguishable from a bad signature, as at Google.
  if (!key || jwt.claims.iss !== key.email || !verifyRs256(jwt, key.publicKey)) {
    return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
  }
  if (!audiences.includes(jwt.claims.aud ?? "")) {
    return oauthError(400, "invalid_grant", `Invalid JWT: Failed audience check. The right audience is ${audiences[0]}`);
  }
  if (!withinLifetime(jwt)) {
    return oauthError(
      400,
      "invalid_grant",
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
    );
  }
  const accessToken = `ya29.emulator-${randomBytes(32).toString("base64url")}`;
  await recordAccessToken(pool, {
    token: accessToken,
    email: key.email,
    keyId: key.keyId,
    grantType: "jwt-bearer",
    scope: jwt.claims.scope ?? "",
    expiresAt: new Date(Date.now() + LIFETIME_SECONDS * 1000),
  });
  return RawReply.json(200, { access_token: accessToken, expires_in: LIFETIME_SECONDS, token_type: "Bearer" }, { "cache-control": "no-store" });
}

/** Clients send the grant form-encoded (RFC 6749); Google also takes JSON. */
function parseParams(body: Buffer, contentType: string): URLSearchParams {
  const text = body.toString("utf8");
  if (/^application\/json/i.test(contentType)) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(json).map(([k, v]) => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

const oauthError = (status: number, error: string, description: string) =>
  RawReply.json(status, { error, error_description: description }, { "cache-control": "no-store" });
