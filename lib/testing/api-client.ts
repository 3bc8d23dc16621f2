import { db } from "../db/client";
import { generateToken, hashToken } from "../auth/api-tokens";
import type { Role } from "../auth/permissions";

/** A bearer token for a new user of `role`, stored the way real tokens are. */
export async function tokenFor(role: Role): Promise<string> {
  const user = await db.user.create({ data: { email: `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`, name: role, role } });
  const token = generateToken();
  await db.apiToken.create({ data: { userId: user.id, name: "test", tokenHash: hashToken(token), prefix: token.slice(0, 7) } });
  return token;
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler the way Next does, with a bearer token and path params. */
export async function callRoute(handler: Handler, opts: { url: string; token?: string; params?: Record<string, string>; method?: string; body?: unknown }) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(
    new Request(`http://localhost${opts.url}`, { method: opts.method ?? "GET", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
