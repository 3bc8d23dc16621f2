import type { DiscoveredRoute } from "./discover-routes";
import { pathFor } from "./discover-routes";

export interface InvokeOptions {
  params?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
  /** A value to send as JSON, or a raw string sent as is. */
  body?: unknown;
  rawBody?: string;
  /** An empty body stream and no Content-Type: what Next hands a handler for `curl -X POST url`. */
  emptyBody?: boolean;
}

export interface RouteResponse {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/** Calls a handler the way Next does: a Request and `{ params: Promise<…> }`. Reads the whole body. */
export async function invokeRoute(route: DiscoveredRoute, opts: InvokeOptions = {}): Promise<RouteResponse> {
  const params = opts.params ?? {};
  const url = `http://localhost${pathFor(route.pattern, params)}${opts.query ? `?${opts.query}` : ""}`;
  const headers: Record<string, string> = { host: "localhost", ...opts.headers };
  let body: string | undefined;
  if (route.method !== "GET" && route.method !== "HEAD") {
    body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  const init: RequestInit & { duplex?: "half" } = opts.emptyBody
    ? { method: route.method, headers, body: new ReadableStream({ start: (c) => c.close() }), duplex: "half" }
    : { method: route.method, headers, body };
  const res = await route.handler(new Request(url, init), { params: Promise.resolve(params) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json };
}
