import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./instance-record";

export type CredentialKind = "token" | "session";

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
  slug: string,
  kind: CredentialKind,
  details: { note?: string; scopes?: string[] } = {},
): Promise<string> {
  const secret = kind === "token" ? `sgp_${randomBytes(20).toString("hex")}` : randomBytes(24).toString("base64url");
  await storeCredential(db, slug, kind, secret, details);
  return secret;
}

/** Registers a known secret (seeding a demo instance with a token the control plane already holds). */
export async function storeCredential(
  db: Db,
  slug: string,
  kind: CredentialKind,
  secret: string,
  details: { note?: string; scopes?: string[] } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO sourcegraph_emulator.credential (secret_sha256, slug, kind, note, scopes) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (secret_sha256) DO UPDATE SET slug = excluded.slug, kind = excluded.kind, note = excluded.note, scopes = excluded.scopes`,
    [sha256(secret), slug, kind, details.note ?? null, details.scopes ?? []],
  );
}

/** Whether `secret` is a live credential of this kind for this instance (a token of one instance opens no other). */
export async function hasCredential(db: Db, slug: string, kind: CredentialKind, secret: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "SELECT 1 FROM sourcegraph_emulator.credential WHERE secret_sha256 = $1 AND slug = $2 AND kind = $3",
    [sha256(secret), slug, kind],
  );
  return rowCount === 1;
}

/** Notes of the instance's access tokens, oldest first (tests check for `managed-instances`). */
export async function listTokenNotes(db: Db, slug: string): Promise<string[]> {
  const { rows } = await db.query<{ note: string | null }>(
    "SELECT note FROM sourcegraph_emulator.credential WHERE slug = $1 AND kind = 'token' ORDER BY created_at, note",
    [slug],
  );
  return rows.map((r) => r.note ?? "");
}
