import { generateKeyPair, randomBytes } from "node:crypto";
import { promisify } from "node:util";

const generateRsa = promisify(generateKeyPair);

export interface GeneratedKey {
  /** 40 hex digits, as GCP's key ids. */
  keyId: string;
  /** base64 of the JSON credentials file, exactly what `privateKeyData` carries in GCP. */
  privateKeyData: string;
  /** SPKI PEM: what the emulator keeps, to verify the JWTs the key signs. */
  publicKey: string;
}

/** Google's token endpoint, for keys minted without an emulator URL to point at. */
export const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

/**
 * A real RSA key in the shape of a downloaded service-account JSON key, so code that parses
 * the file (google-auth-library's JWT client, the Terraform provider) accepts it. The emulator
 * returns it once and keeps no copy of the private key, like GCP. `tokenUri` is where the
 * key's holder trades it for access tokens: the emulator's own `/token`, so a client that
 * reads the file (and nothing else) authenticates against the emulator, never Google.
 */
export async function generateServiceAccountKey(
  account: { projectId: string; email: string; uniqueId: string },
  tokenUri: string = GOOGLE_TOKEN_URI,
): Promise<GeneratedKey> {
  const { privateKey, publicKey } = await generateRsa("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const keyId = randomBytes(20).toString("hex");
  const file = {
    type: "service_account",
    project_id: account.projectId,
    private_key_id: keyId,
    private_key: privateKey,
    client_email: account.email,
    client_id: account.uniqueId,
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: tokenUri,
    auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(account.email)}`,
    universe_domain: "googleapis.com",
  };
  return { keyId, privateKeyData: Buffer.from(JSON.stringify(file, null, 2)).toString("base64"), publicKey };
}
