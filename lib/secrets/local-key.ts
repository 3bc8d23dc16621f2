import { createHash, randomBytes } from "node:crypto";
import { link, mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { SecretError } from "./secret-store";

const KEY_BYTES = 32;

/**
 * The local store's AES-256 key: SECRETS_KEY (32 bytes, base64 or hex) when set, otherwise
 * `<dir>/.key`, generated on first use with mode 600. A key file others can read is refused,
 * as ssh refuses such a private key: it would make the encryption pointless.
 */
export async function loadLocalKey(dir: string, envKey: string | undefined): Promise<Buffer> {
  if (envKey?.trim()) return decodeKey(envKey.trim(), "SECRETS_KEY");
  const file = path.join(dir, ".key");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await createKeyFileIfMissing(file);
  const { mode } = await stat(file);
  if (mode & 0o077) {
    throw new SecretError("bad-key", `${file} is readable by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${file}`);
  }
  return decodeKey((await readFile(file, "utf8")).trim(), file);
}

/** Identifies a key without revealing it, so a file encrypted with another key is reported as such. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("managed-instances/local-secret-key-id\0").update(key).digest("hex").slice(0, 16);
}

/**
 * Writes a new key to a temporary file and hard-links it into place: link() fails if `.key`
 * exists, so when the web and worker processes start together exactly one key wins and
 * nobody ever reads a half-written file.
 */
async function createKeyFileIfMissing(file: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

function decodeKey(text: string, source: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== KEY_BYTES || (!/^[0-9a-fA-F]{64}$/.test(text) && key.toString("base64") !== text)) {
    throw new SecretError("bad-key", `${source} must be ${KEY_BYTES} bytes, base64 or hex encoded (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}
