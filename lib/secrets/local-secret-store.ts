import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { keyId, loadLocalKey } from "./local-key";
import { localRef, parseLocalRef } from "./secret-ref";
import { assertSecretName, assertSecretSize, SecretError, type SecretRef, type SecretStore } from "./secret-store";

/** One encrypted secret on disk. */
interface SealedFile {
  format: "managed-instances/local-secret@1";
  algorithm: "aes-256-gcm";
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

const FORMAT = "managed-instances/local-secret@1";

/**
 * Demo mode's secret store: one AES-256-GCM file per secret under `dir`. The secret's name is
 * authenticated data, so a file copied over another secret's fails as tampered. A `put`
 * replaces the value (refs are `local://<name>`, unversioned), unlike Secret Manager, where
 * each `put` is a new version.
 */
export class LocalSecretStore implements SecretStore {
  private key: Promise<Buffer> | undefined;

  constructor(
    readonly dir: string,
    private readonly envKey?: string,
  ) {}

  async put(name: string, value: string): Promise<SecretRef> {
    assertSecretName(name);
    assertSecretSize(name, value);
    const key = await this.loadKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(aad(name));
    const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    const sealed: SealedFile = {
      format: FORMAT,
      algorithm: "aes-256-gcm",
      keyId: keyId(key),
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      ciphertext: ciphertext.toString("base64"),
    };
    // Write then rename, so a reader never sees half a file.
    const file = this.fileOf(name);
    const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(tmp, JSON.stringify(sealed), { mode: 0o600 });
    await rename(tmp, file);
    return localRef(name);
  }

  async delete(ref: SecretRef): Promise<{ deleted: boolean }> {
    const file = this.fileOf(parseLocalRef(ref));
    const existed = await readFile(file).then(() => true, () => false);
    await rm(file, { force: true });
    return { deleted: existed };
  }

  async get(ref: SecretRef): Promise<string> {
    const name = parseLocalRef(ref);
    const key = await this.loadKey();
    let text: string;
    try {
      text = await readFile(this.fileOf(name), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new SecretError("not-found", `Secret ${name} not found in ${this.dir}`);
      throw err;
    }
    const sealed = parseSealed(name, text);
    if (sealed.keyId !== keyId(key)) {
      throw new SecretError(
        "wrong-key",
        `Secret ${name} was encrypted with a different key (key id ${sealed.keyId}, configured ${keyId(key)}); check SECRETS_KEY or ${path.join(this.dir, ".key")}`,
      );
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
      decipher.setAAD(aad(name));
      decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
    } catch (err) {
      throw new SecretError("tampered", `Secret ${name} failed its integrity check: the file was modified or belongs to another secret`, { cause: err });
    }
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => loadLocalKey(this.dir, this.envKey));
    // A failed load is not cached, so fixing the key file and retrying works without a restart.
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }

  private fileOf(name: string): string {
    return path.join(this.dir, `${name}.secret.json`);
  }
}

const aad = (name: string) => Buffer.from(`${FORMAT}/${name}`, "utf8");

function parseSealed(name: string, text: string): SealedFile {
  let doc: Partial<SealedFile>;
  try {
    doc = JSON.parse(text) as Partial<SealedFile>;
  } catch {
    throw new SecretError("tampered", `Secret ${name} is not a valid secret file`);
  }
  const fields = [doc.keyId, doc.iv, doc.tag, doc.ciphertext];
  if (doc.format !== FORMAT || doc.algorithm !== "aes-256-gcm" || fields.some((f) => typeof f !== "string")) {
    throw new SecretError("tampered", `Secret ${name} is not a valid secret file`);
  }
  return doc as SealedFile;
}
