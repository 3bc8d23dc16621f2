import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client";
import { AppError, notFound } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "./actor";
import { nameSchema } from "./name-schema";

const TOKEN_PREFIX = "mi_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(24).toString("base64url");
}

export const tokenNameSchema = z.object({ name: nameSchema("name", 80) });

/** Enough for every script and laptop of one person; more is a leak waiting to happen. */
export const MAX_ACTIVE_TOKENS = 25;

/** Creates a personal token; the plain value is returned once and only its hash is kept. */
export async function createApiToken(actor: Actor, input: { name: string }) {
  const token = generateToken();
  const row = await db.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actor.userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) throw new AppError("conflict", `you already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first`);
    const created = await tx.apiToken.create({
      data: { userId: actor.userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 7) },
    });
    await recordAudit(tx, actor, { action: "token.create", targetType: "api_token", targetId: created.id, params: { name: input.name } });
    return created;
  });
  return { token, item: toTokenView(row) };
}

export async function listApiTokens(actor: Actor) {
  const rows = await db.apiToken.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toTokenView);
}

export async function revokeApiToken(actor: Actor, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("token");
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id, userId: actor.userId } });
    if (!row) throw notFound("token");
    if (row.revokedAt) throw new AppError("conflict", "token is already revoked");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "token.revoke", targetType: "api_token", targetId: id, params: { name: row.name } });
  });
}

function toTokenView(r: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export type ApiTokenView = ReturnType<typeof toTokenView>;
