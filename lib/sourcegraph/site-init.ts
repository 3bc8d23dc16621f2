import { excerpt, sourcegraphRequest, type RequestOptions } from "./request";
import { SourcegraphError } from "./sourcegraph-error";

export interface SiteAdminCredentials {
  email: string;
  username: string;
  password: string;
}

/**
 * Creates the first site admin of a fresh instance (`POST /-/site-init`) and returns the
 * session cookie Sourcegraph answers with, which can then create the `managed-instances`
 * access token. Fails with kind "already-initialized" once any admin exists, so a retried
 * provisioning step can tell "done before" from "failed".
 */
export async function siteInit(
  baseUrl: string,
  credentials: SiteAdminCredentials,
  options?: RequestOptions,
): Promise<{ sessionCookie: string }> {
  const action = "create the first site admin (site-init)";
  const where = `${action} at ${baseUrl}`;
  const res = await sourcegraphRequest(
    baseUrl,
    "/-/site-init",
    {
      method: "POST",
      // Sourcegraph's CSRF guard: requests without it are refused.
      headers: { "content-type": "application/json", "x-requested-with": "Sourcegraph" },
      body: JSON.stringify({ email: credentials.email, username: credentials.username, password: credentials.password }),
    },
    action,
    options,
  );
  if (res.status === 409) throw new SourcegraphError("already-initialized", where, excerpt(res.text), 409);
  if (res.status === 401 || res.status === 403) throw new SourcegraphError("unauthorized", where, `HTTP ${res.status}: ${excerpt(res.text)}`, res.status);
  if (res.status !== 200) {
    const kind = /read-only transaction/i.test(res.text) ? "read-only" : "http";
    throw new SourcegraphError(kind, where, `HTTP ${res.status}: ${excerpt(res.text)}`, res.status);
  }
  // Keep only `name=value`: attributes (Path, HttpOnly…) are not sent back in a Cookie header.
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0].trim()).filter((c) => c.includes("="));
  if (cookies.length === 0) throw new SourcegraphError("bad-response", where, "no session cookie in the answer");
  return { sessionCookie: cookies.join("; ") };
}
