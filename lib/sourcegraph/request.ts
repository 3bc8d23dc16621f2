import { SourcegraphError } from "./sourcegraph-error";

export interface RequestOptions {
  /** Aborted when the job is cancelled. */
  signal?: AbortSignal;
  /** Whole request including the body. Default 15 s: an instance that slow is unhealthy anyway. */
  timeoutMs?: number;
}

/** An access token (`Authorization: token …`) or the session cookie site-init returned. */
export type SourcegraphAuth = string | { sessionCookie: string };

export interface SourcegraphResponse {
  status: number;
  headers: Headers;
  text: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET"]);

/**
 * One HTTP request to a Sourcegraph instance with a deadline and cancellation. Never throws
 * for an HTTP status (callers decide what a 502 means); throws SourcegraphError when there
 * is no response at all. Credentials go in headers only, so they never reach a message.
 */
export async function sourcegraphRequest(
  baseUrl: string,
  path: string,
  init: { method?: string; auth?: SourcegraphAuth; headers?: Record<string, string>; body?: string },
  action: string,
  options: RequestOptions = {},
): Promise<SourcegraphResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const where = `${action} at ${baseUrl}`;
  if (options.signal?.aborted) throw new SourcegraphError("cancelled", where, "cancelled before it started");
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? "GET",
      headers: { ...authHeaders(init.auth), ...init.headers },
      body: init.body,
      signal,
      redirect: "manual",
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (error) {
    if (options.signal?.aborted) throw new SourcegraphError("cancelled", where, "cancelled", undefined, { cause: error });
    if (timeout.aborted) {
      throw new SourcegraphError("timeout", where, `no answer within ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, undefined, { cause: error });
    }
    const code = (error as { cause?: { code?: string } }).cause?.code;
    const detail = code && NETWORK_CODES.has(code) ? `${code} (instance unreachable)` : String((error as Error).message ?? error);
    throw new SourcegraphError("unreachable", where, detail, undefined, { cause: error });
  }
}

function authHeaders(auth: SourcegraphAuth | undefined): Record<string, string> {
  if (auth === undefined) return {};
  if (typeof auth === "string") return { authorization: `token ${auth}` };
  // Sourcegraph's CSRF guard rejects cookie-authenticated API calls without this header.
  return { cookie: auth.sessionCookie, "x-requested-with": "Sourcegraph" };
}

/** A short, single-line excerpt of a response body for error messages. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line || "(empty body)";
}
