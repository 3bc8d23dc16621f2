import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client";
import { generateToken, hashToken } from "../auth/api-tokens";
import { ROLES, type Role } from "../auth/permissions";
import { buildDemoFleet } from "./build-demo-fleet";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "alice@example.com", name: "Alice Admin", role: "admin" },
  { email: "oscar@example.com", name: "Oscar Operator", role: "operator" },
  { email: "ines@example.com", name: "Ines Operator", role: "operator" },
  { email: "sam@example.com", name: "Sam Support", role: "support" },
  { email: "vera@example.com", name: "Vera Viewer", role: "viewer" },
];

export async function seedDemoUsers(db: PrismaClient): Promise<void> {
  for (const u of DEMO_USERS) {
    await db.user.upsert({ where: { email: u.email }, update: {}, create: u });
  }
}

/** Inserts `count` instances in chunks; returns them so emulators can be seeded alike. */
export async function seedFleet(db: PrismaClient, count: number) {
  const fleet = buildDemoFleet(count);
  for (let i = 0; i < fleet.length; i += 1000) {
    await db.instance.createMany({ data: fleet.slice(i, i + 1000), skipDuplicates: true });
  }
  return fleet;
}

/**
 * One API token per role for scripts and tests, written to .data/demo-tokens.json as
 * { admin, operator, support, viewer }. Reuses the file's tokens while they are valid.
 */
export async function ensureDemoTokens(db: PrismaClient, file: string): Promise<Record<Role, string>> {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Record<Role, string>;
    const valid = await db.apiToken.count({
      where: { tokenHash: { in: ROLES.map((r) => hashToken(saved[r] ?? "")) }, revokedAt: null },
    });
    if (valid === ROLES.length) return saved;
  }
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await db.user.findFirstOrThrow({ where: { role }, orderBy: { email: "asc" } });
    const token = generateToken();
    await db.apiToken.create({ data: { userId: user.id, name: `demo ${role} token`, tokenHash: hashToken(token), prefix: token.slice(0, 7) } });
    tokens[role] = token;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(tokens, null, 2) + "\n", { mode: 0o600 });
  return tokens;
}
