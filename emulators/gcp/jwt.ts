import { createPublicKey, verify } from "node:crypto";

/**
 * The JWTs Google's client libraries sign with a service-account key: RS256, the key's id in
 * the header's `kid`. Two uses: the assertion of the jwt-bearer grant at the token endpoint,
 * and a "self-signed JWT" sent directly as the bearer token.
 */
export interface Jwt {
  header: { alg?: string; kid?: string; typ?: string };
  claims: {
    iss?: string;
    sub?: string;
    aud?: string;
    scope?: string;
    iat?: number;
    exp?: number;
    target_audience?: string;
  };
  signingInput: string;
  signature: Buffer;
}

const JWT_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Splits and decodes a compact JWT; undefined when the string is not one. */
export function decodeJwt(token: string): Jwt | undefined {
  if (!JWT_RE.test(token)) return undefined;
  const [h, c, s] = token.split(".");
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as Jwt["header"];
    const claims = JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as Jwt["claims"];
    if (!header || typeof header !== "object" || !claims || typeof claims !== "object") return undefined;
    return { header, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, "base64url") };
  } catch {
    return undefined;
  }
}

/** RS256 only: Google signs and accepts nothing else for service-account keys. */
export function verifyRs256(jwt: Jwt, publicKeyPem: string): boolean {
  if (jwt.header.alg !== "RS256") return false;
  try {
    return verify("RSA-SHA256", Buffer.from(jwt.signingInput), createPublicKey(publicKeyPem), jwt.signature);
  } catch {
    return false;
  }
}

/** Google's rule: issued at most a few minutes in the future, valid for at most an hour, not expired. */
export function withinLifetime(jwt: Jwt, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const { iat, exp } = jwt.claims;
  if (typeof iat !== "number" || typeof exp !== "number") return false;
  const skew = 300;
  return iat <= nowSeconds + skew && exp > nowSeconds - skew && exp - iat <= 3600 && exp > iat;
}
