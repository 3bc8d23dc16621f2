import { decode } from "next-auth/jwt";
import { db } from "../db/client";
import { requestOrigin } from "../http/request-origin";
import { AppError } from "../errors/app-error";
import type { Actor } from "./actor";
import { hashToken } from "./api-tokens";
import type { Role } from "./permissions";
import { sessionSecret } from "./session-secret";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves the actor of a request from its headers: `Authorization: Bearer <token>` (API)
 * or the next-auth session cookie (UI). The role is read from the database on every
 * request, so a changed role or a revoked token takes effect at once. Returns null when
 * there is no credential; throws 401 for a credential that is present but not valid.
 */
export async function authenticate(headers: Headers): Promise<Actor | null> {
  const sourceIp = requestOrigin(headers).ip;
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError("unauthenticated", "Authorization must be 'Bearer <token>'");
    const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]) }, include: { user: true } });
    if (!token || token.revokedAt) throw new AppError("unauthenticated", "invalid or revoked API token");
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
    }
    const u = token.user;
    return { userId: u.id, email: u.email, name: u.name, role: u.role as Role, via: "api", sourceIp };
  }
  const email = await sessionEmail(headers.get("cookie"));
  if (!email) return null;
  const u = await db.user.findUnique({ where: { email } });
  if (!u) return null;
  return { userId: u.id, email: u.email, name: u.name, role: u.role as Role, via: "ui", sourceIp };
}

export async function sessionEmail(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const cookies = parseCookies(cookieHeader);
  const raw = SESSION_COOKIES.map((n) => cookies.get(n)).find(Boolean);
  if (!raw) return null;
  try {
    const payload = await decode({ token: raw, secret: sessionSecret() });
    return typeof payload?.email === "string" ? payload.email : null;
  } catch {
    return null;
  }
}

function parseCookies(header: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) map.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return map;
}
