import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalSecretStore } from "./local-secret-store";
import { SecretError } from "./secret-store";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "secrets-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VALUE = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE..."}';
const codeOf = (p: Promise<unknown>) => p.then(() => "resolved", (e: unknown) => (e instanceof SecretError ? e.code : `not a SecretError: ${String(e)}`));

describe("LocalSecretStore", () => {
  it("round-trips a value and stores it encrypted with a generated 600 key file", async () => {
    const store = new LocalSecretStore(dir);
    const ref = await store.put("acme-deploy-key", VALUE);
    expect(ref).toBe("local://acme-deploy-key");
    expect(await store.get(ref)).toBe(VALUE);
    // A second store on the same directory (another process) uses the same key.
    expect(await new LocalSecretStore(dir).get(ref)).toBe(VALUE);

    const file = await readFile(path.join(dir, "acme-deploy-key.secret.json"), "utf8");
    expect(file).not.toContain("BEGIN PRIVATE KEY");
    expect(JSON.parse(file)).toMatchObject({ format: "managed-instances/local-secret@1", algorithm: "aes-256-gcm" });
    expect((await stat(path.join(dir, ".key"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, "acme-deploy-key.secret.json"))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces a value on a second put of the same name", async () => {
    const store = new LocalSecretStore(dir);
    await store.put("pw", "first");
    const ref = await store.put("pw", "second");
    expect(await store.get(ref)).toBe("second");
  });

  it("detects a modified ciphertext, tag or file swapped between names", async () => {
    const store = new LocalSecretStore(dir);
    await store.put("a", "alpha");
    await store.put("b", "bravo");
    const fileA = path.join(dir, "a.secret.json");
    const sealed = JSON.parse(await readFile(fileA, "utf8"));
    const flipped = Buffer.from(sealed.ciphertext, "base64");
    flipped[0] ^= 1;
    await writeFile(fileA, JSON.stringify({ ...sealed, ciphertext: flipped.toString("base64") }));
    expect(await codeOf(store.get("local://a"))).toBe("tampered");

    await writeFile(fileA, JSON.stringify({ ...sealed, tag: randomBytes(16).toString("base64") }));
    expect(await codeOf(store.get("local://a"))).toBe("tampered");

    await copyFile(path.join(dir, "b.secret.json"), fileA);
    expect(await codeOf(store.get("local://a"))).toBe("tampered");

    await writeFile(fileA, "not json");
    expect(await codeOf(store.get("local://a"))).toBe("tampered");
    expect(await store.get("local://b")).toBe("bravo");
  });

  it("fails clearly, without the value, when the key is wrong", async () => {
    await new LocalSecretStore(dir).put("pw", "hunter2-secret");
    await rm(path.join(dir, ".key"));
    const err = await new LocalSecretStore(dir).get("local://pw").then(() => new SecretError("unavailable", "expected a rejection"), (e: unknown) => e as SecretError);
    expect(err).toBeInstanceOf(SecretError);
    expect(err.code).toBe("wrong-key");
    expect(err.message).toMatch(/encrypted with a different key.*SECRETS_KEY/);
    expect(err.message).not.toContain("hunter2");

    const envKey = randomBytes(32).toString("base64");
    await new LocalSecretStore(dir, envKey).put("env", "x");
    expect(await new LocalSecretStore(dir, envKey).get("local://env")).toBe("x");
    expect(await codeOf(new LocalSecretStore(dir, randomBytes(32).toString("hex")).get("local://env"))).toBe("wrong-key");
  });

  it("rejects malformed keys and a key file others can read", async () => {
    expect(await codeOf(new LocalSecretStore(dir, "too-short").put("a", "x"))).toBe("bad-key");
    expect(await codeOf(new LocalSecretStore(dir, randomBytes(16).toString("base64")).put("a", "x"))).toBe("bad-key");
    await new LocalSecretStore(dir).put("a", "x");
    await chmod(path.join(dir, ".key"), 0o644);
    const err = await new LocalSecretStore(dir).get("local://a").then(() => new SecretError("unavailable", "expected a rejection"), (e: unknown) => e as SecretError);
    expect([err.code, err.message]).toEqual(["bad-key", expect.stringContaining("chmod 600")]);
  });

  it("refuses names that could escape the directory, bad refs, missing and oversized secrets", async () => {
    const store = new LocalSecretStore(dir);
    for (const name of ["../etc/passwd", "a/b", "", ".key", "a".repeat(256), "naïve"]) {
      expect(await codeOf(store.put(name, "x"))).toBe("invalid-name");
    }
    expect(await codeOf(store.get("local://../x"))).toBe("invalid-ref");
    expect(await codeOf(store.get("gcp-sm://projects/p/secrets/a/versions/1"))).toBe("invalid-ref");
    expect(await codeOf(store.get("local://missing"))).toBe("not-found");
    expect(await codeOf(store.put("big", "x".repeat(64 * 1024 + 1)))).toBe("too-large");
  });

  it("creates one key when several processes start at once", async () => {
    const stores = Array.from({ length: 8 }, () => new LocalSecretStore(dir));
    const refs = await Promise.all(stores.map((s, i) => s.put(`s${i}`, `v${i}`)));
    const readBack = await Promise.all(refs.map((r) => new LocalSecretStore(dir).get(r)));
    expect(readBack).toEqual(stores.map((_, i) => `v${i}`));
  });
});
