import type { z } from "zod";
import { authenticate } from "../auth/authenticate";
import type { Actor } from "../auth/actor";
import { hideAddresses } from "../auth/hide-addresses";
import { can, type Permission } from "../auth/permissions";
import { AppError } from "../errors/app-error";
import { rateLimit } from "./rate-limit";
import { readJsonBody } from "./read-json-body";
import { requestOrigin } from "./request-origin";
import { parseWith } from "./zod-issues";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteContext<P, Q, B> {
  req: Request;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
}

interface RouteOptions<P, Q, B> {
  /** The permission the caller needs. Every route names one. */
  permission: Permission;
  /** One line for the API document (lib/http/openapi.ts). */
  summary?: string;
  params?: P;
  query?: Q;
  body?: B;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const REQUESTS_PER_MINUTE = 1200;

/**
 * The one wrapper of every route handler: authenticates (session or bearer token), checks
 * the role, guards cookie-authenticated mutations against CSRF (same-origin only), parses
 * params / query / body with zod, and maps errors to JSON without stack traces.
 */
export function route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(
  opts: RouteOptions<P, Q, B>,
  handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<Response | unknown>,
) {
  const handle = async (req: Request, segment?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const actor = await authenticate(req.headers);
      if (!actor) throw new AppError("unauthenticated", "sign in or send an API token");
      // Per user, whether the request came with a session cookie or a token: a browser
      // session is no less able to hammer the API than a script.
      if (!rateLimit(`user:${actor.userId}`, REQUESTS_PER_MINUTE, 60_000)) {
        throw new AppError("rate_limited", `more than ${REQUESTS_PER_MINUTE} requests in a minute from ${actor.email}; slow down`);
      }
      if (MUTATING.has(req.method) && actor.via === "ui") assertSameOrigin(req);
      if (!can(actor.role, opts.permission)) {
        throw new AppError("forbidden", `your role (${actor.role}) may not do this (needs ${opts.permission})`);
      }
      const rawParams = (await segment?.params) ?? {};
      const params = opts.params ? parseWith(opts.params, rawParams, "path parameter") : undefined;
      const url = new URL(req.url);
      const query = opts.query ? parseWith(opts.query, Object.fromEntries(url.searchParams), "query parameter") : undefined;
      const body = opts.body ? parseWith(opts.body, await readJsonBody(req), "body") : undefined;
      const result = await handler({ req, actor, params, query, body } as RouteContext<Out<P>, Out<Q>, Out<B>>);
      if (result instanceof Response) return result;
      // The lib functions already leave addresses out for callers without ips:read; this is
      // the net under them, for whatever a handler returns.
      return Response.json(can(actor.role, "ips:read") ? result : hideAddresses(result));
    } catch (error) {
      return errorResponse(error);
    }
  };
  // What the API document is generated from: the same schemas that parse the request.
  return Object.assign(handle, { spec: { permission: opts.permission, summary: opts.summary, params: opts.params, query: opts.query, body: opts.body } as RouteSpec });
}

export interface RouteSpec {
  permission: Permission;
  summary?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(error.toJSON(), { status: error.status });
  console.error("[api] unexpected error:", error instanceof Error ? error.message : error);
  return Response.json({ error: { code: "internal", message: "something went wrong; the server log has details" } }, { status: 500 });
}

/**
 * Browsers send Origin on every cross-origin POST; a cookie-authenticated mutation must
 * come from this site. (Bearer-token calls carry no ambient credential, so no check.)
 */
function assertSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  const { host } = requestOrigin(req.headers);
  if (!origin || !host || originHost(origin) !== host) {
    throw new AppError("forbidden", "cross-site request refused");
  }
}

/** The host of an Origin header; `null` (sandboxed frames) and garbage count as foreign. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
