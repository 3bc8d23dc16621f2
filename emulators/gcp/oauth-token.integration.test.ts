import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject, findAccessToken } from "./state";
import { mintKeyFile, signJwt, storageClient, type KeyFile } from "./gcs-test-client";

let emulator: GcpEmulator;
let key: KeyFile;
let other: KeyFile;
const PROJECT = "oauth-project";
const SCOPE = "https://www.googleapis.com/auth/devstorage.full_control";
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await createProject(emulator.pool, PROJECT);
  key = await mintKeyFile(emulator.url, PROJECT, "state-writer");
  other = await mintKeyFile(emulator.url, PROJECT, "someone-else");
});
afterAll(() => emulator?.close());

/** The jwt-bearer grant exactly as Go's oauth2/jwt and google-auth-library send it. */
async function exchange(assertion: string) {
  const res = await fetch(`${emulator.url}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const claims = (k: KeyFile, extra: Record<string, unknown> = {}) => ({
  iss: k.client_email,
  scope: SCOPE,
  aud: k.token_uri,
  iat: now(),
  exp: now() + 3600,
  ...extra,
});

describe("the emulator's OAuth token endpoint", () => {
  it("mints keys whose token_uri is the emulator's /token", () => {
    expect(key.token_uri).toBe(`${emulator.url}/token`);
    expect(key.client_email).toBe(`state-writer@${PROJECT}.iam.gserviceaccount.com`);
  });

  it("trades a JWT signed by the key for an access token, recording whose it is", async () => {
    const { status, body } = await exchange(signJwt(key, claims(key)));
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 3600, token_type: "Bearer" });
    expect(await findAccessToken(emulator.pool, body.access_token)).toMatchObject({
      email: key.client_email,
      keyId: key.private_key_id,
      grantType: "jwt-bearer",
      scope: SCOPE,
    });
    // The token works as a bearer token like any other.
    expect((await storageClient(emulator.url, body.access_token).call("GET", `/storage/v1/b?project=${PROJECT}`)).status).toBe(200);
  });

  it("refuses forged, misaddressed and stale assertions with Google's invalid_grant", async () => {
    // Signed by another key while naming this key's id.
    const forged = signJwt({ ...other, private_key_id: key.private_key_id }, claims(key));
    expect(await exchange(forged)).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
    // Claims to be another account.
    expect((await exchange(signJwt(key, claims(key, { iss: other.client_email })))).body.error).toBe("invalid_grant");
    const misaddressed = await exchange(signJwt(key, claims(key, { aud: "https://oauth2.googleapis.com/token" })));
    expect(misaddressed.body.error_description).toContain("Failed audience check");
    const stale = await exchange(signJwt(key, claims(key, { iat: now() - 7200, exp: now() - 3600 })));
    expect(stale.body.error_description).toContain("short-lived token");
    expect((await exchange("not-a-jwt")).status).toBe(400);
    const wrongGrant = await fetch(`${emulator.url}/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials" }) });
    expect(((await wrongGrant.json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("stops accepting a key once it is deleted in IAM", async () => {
    const doomed = await mintKeyFile(emulator.url, PROJECT, "short-lived-sa");
    expect((await exchange(signJwt(doomed, claims(doomed)))).status).toBe(200);
    const del = await fetch(`${emulator.url}/v1/projects/${PROJECT}/serviceAccounts/${doomed.client_email}/keys/${doomed.private_key_id}`, {
      method: "DELETE",
      headers: { authorization: "Bearer t" },
    });
    expect(del.status).toBe(200);
    expect((await exchange(signJwt(doomed, claims(doomed)))).body).toMatchObject({ error: "invalid_grant" });
  });

  it("accepts a self-signed JWT as the bearer token and records its owner; other tokens pass unrecorded", async () => {
    const selfSigned = signJwt(key, { iss: key.client_email, sub: key.client_email, aud: "https://storage.googleapis.com/", iat: now(), exp: now() + 3600 });
    expect((await storageClient(emulator.url, selfSigned).call("GET", `/storage/v1/b?project=${PROJECT}`)).status).toBe(200);
    expect(await findAccessToken(emulator.pool, selfSigned)).toMatchObject({ email: key.client_email, grantType: "self-signed-jwt" });

    const forgedClaims = { iss: key.client_email, sub: key.client_email, aud: "x", iat: now(), exp: now() + 60 };
    const forged = signJwt({ ...other, private_key_id: key.private_key_id }, forgedClaims);
    expect((await storageClient(emulator.url, forged).call("GET", `/storage/v1/b?project=${PROJECT}`)).status).toBe(200);
    expect(await findAccessToken(emulator.pool, forged)).toBeUndefined();
    expect(await findAccessToken(emulator.pool, "demo-token")).toBeUndefined();
  });
});
