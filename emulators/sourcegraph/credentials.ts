import { createHash, randomBytes } from "node:crypto";
import { DATABASE_CREDENTIAL_TABLE, databaseForSlug, databaseLocation, type DatabaseKey } from "./deployment-ref";
import type { Db } from "./instance-record";

export type CredentialKind = "token" | "session";

/**
 * Access tokens and sessions live in Sourcegraph's database, so on the data disk: a snapshot
 * carries them to the disk made from it, and a token issued on one colour afterwards opens
 * nothing on the other. `owner` is the database (a legacy instance's slug, or a disk's key).
 */
export type CredentialOwner = string | DatabaseKey;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Emulator-grade password hashing: salted SHA-256 (scrypt would make seeding 10,000 instances slow). */
export function hashPassword(password: string, salt = randomBytes(8).toString("hex")): string {
  return `sha256:${salt}:${sha256(`${salt}:${password}`)}`;
}

/** A new secret in Sourcegraph's shape (`sgp_` + 40 hex for tokens), stored only as its hash. */
export async function issueCredential(
  db: Db,
  owner: CredentialOwner,
  kind: CredentialKind,
  details: { note?: string; scopes?: string[] } = {},
): Promise<string> {
  const secret = kind === "token" ? `sgp_${randomBytes(20).toString("hex")}` : randomBytes(24).toString("base64url");
  await storeCredential(db, owner, kind, secret, details);
  return secret;
}

/** Registers a known secret (seeding a demo instance with a token the control plane already holds). */
export async function storeCredential(
  db: Db,
  owner: CredentialOwner,
  kind: CredentialKind,
  secret: string,
  details: { note?: string; scopes?: string[] } = {},
): Promise<void> {
  const key = ownerKey(owner);
  if (key.kind === "legacy") {
    await db.query(
      `INSERT INTO sourcegraph_emulator.credential (secret_sha256, slug, kind, note, scopes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (secret_sha256) DO UPDATE SET slug = excluded.slug, kind = excluded.kind, note = excluded.note, scopes = excluded.scopes`,
      [sha256(secret), key.slug, kind, details.note ?? null, details.scopes ?? []],
    );
    return;
  }
  const [location, name] = databaseLocation(key);
  await db.query(
    `INSERT INTO ${DATABASE_CREDENTIAL_TABLE} (project, kind, location, name, secret_sha256, credential_kind, note, scopes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (project, kind, location, name, secret_sha256) DO UPDATE SET credential_kind = excluded.credential_kind, note = excluded.note, scopes = excluded.scopes`,
    [key.project, key.kind, location, name, sha256(secret), kind, details.note ?? null, details.scopes ?? []],
  );
}

/** Whether `secret` is a live credential of this kind in this database (a token of one instance opens no other). */
export async function hasCredential(db: Db, owner: CredentialOwner, kind: CredentialKind, secret: string): Promise<boolean> {
  const key = ownerKey(owner);
  if (key.kind === "legacy") {
    const { rowCount } = await db.query("SELECT 1 FROM sourcegraph_emulator.credential WHERE secret_sha256 = $1 AND slug = $2 AND kind = $3", [
      sha256(secret),
      key.slug,
      kind,
    ]);
    return rowCount === 1;
  }
  const [location, name] = databaseLocation(key);
  const { rowCount } = await db.query(
    `SELECT 1 FROM ${DATABASE_CREDENTIAL_TABLE} WHERE project = $1 AND kind = $2 AND location = $3 AND name = $4 AND secret_sha256 = $5 AND credential_kind = $6`,
    [key.project, key.kind, location, name, sha256(secret), kind],
  );
  return rowCount === 1;
}

/**
 * Notes of the access tokens, oldest first (tests check for `managed-instances`): of a
 * database, or by slug of the database the slug's public URL reaches.
 */
export async function listTokenNotes(db: Db, owner: CredentialOwner): Promise<string[]> {
  const key = typeof owner === "string" ? await databaseForSlug(db, owner) : owner;
  if (!key) return [];
  if (key.kind === "legacy") {
    const { rows } = await db.query<{ note: string | null }>(
      "SELECT note FROM sourcegraph_emulator.credential WHERE slug = $1 AND kind = 'token' ORDER BY created_at, note",
      [key.slug],
    );
    return rows.map((r) => r.note ?? "");
  }
  const [location, name] = databaseLocation(key);
  const { rows } = await db.query<{ note: string | null }>(
    `SELECT note FROM ${DATABASE_CREDENTIAL_TABLE} WHERE project = $1 AND kind = $2 AND location = $3 AND name = $4 AND credential_kind = 'token'
     ORDER BY created_at, note`,
    [key.project, key.kind, location, name],
  );
  return rows.map((r) => r.note ?? "");
}

const ownerKey = (owner: CredentialOwner): DatabaseKey => (typeof owner === "string" ? { kind: "legacy", slug: owner } : owner);
