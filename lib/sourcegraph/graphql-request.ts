import { excerpt, sourcegraphRequest, type RequestOptions, type SourcegraphAuth } from "./request";
import { kindOfGraphqlMessage, SourcegraphError } from "./sourcegraph-error";

/**
 * Runs one GraphQL operation against `/.api/graphql` and returns its `data`. Any entry in
 * `errors` fails the call: our operations are single mutations or reads where a partial
 * answer is never useful. The error kind says whether it was a conflict, read-only, …
 */
export async function graphqlRequest<T>(
  baseUrl: string,
  auth: SourcegraphAuth,
  operation: { query: string; variables?: Record<string, unknown> },
  action: string,
  options?: RequestOptions,
): Promise<T> {
  const where = `${action} at ${baseUrl}`;
  // The operation name in the URL is what Sourcegraph's own clients do; it shows in its logs.
  const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(operation.query)?.[1];
  const res = await sourcegraphRequest(
    baseUrl,
    `/.api/graphql${name ? `?${name}` : ""}`,
    { method: "POST", auth, headers: { "content-type": "application/json" }, body: JSON.stringify(operation) },
    action,
    options,
  );
  if (res.status === 401 || res.status === 403) {
    throw new SourcegraphError("unauthorized", where, `HTTP ${res.status}: ${excerpt(res.text)}`, res.status);
  }
  let body: { data?: T | null; errors?: Array<{ message?: string }> };
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    throw new SourcegraphError(res.status === 200 ? "bad-response" : "http", where, `HTTP ${res.status}: ${excerpt(res.text)}`, res.status);
  }
  const message = body.errors?.map((e) => e.message ?? "unknown error").join("; ");
  if (message) throw new SourcegraphError(kindOfGraphqlMessage(message), where, message, res.status);
  if (res.status !== 200) throw new SourcegraphError("http", where, `HTTP ${res.status}: ${excerpt(res.text)}`, res.status);
  if (body.data === undefined || body.data === null) throw new SourcegraphError("bad-response", where, "GraphQL answer without data");
  return body.data;
}
