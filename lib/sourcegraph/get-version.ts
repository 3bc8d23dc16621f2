import { excerpt, sourcegraphRequest, type RequestOptions } from "./request";
import { SourcegraphError } from "./sourcegraph-error";

/**
 * The running version as the frontend reports it on `/__version` (e.g. "5.10.2"): the
 * ground truth after an upgrade, whatever our records say.
 */
export async function getVersion(baseUrl: string, options?: RequestOptions): Promise<string> {
  const action = "read the version";
  const res = await sourcegraphRequest(baseUrl, "/__version", {}, action, options);
  const version = res.text.trim();
  if (res.status !== 200) {
    throw new SourcegraphError("http", `${action} at ${baseUrl}`, `HTTP ${res.status}: ${excerpt(res.text)}`, res.status);
  }
  if (!version || version.length > 100 || /\s/.test(version)) {
    throw new SourcegraphError("bad-response", `${action} at ${baseUrl}`, `unexpected answer ${JSON.stringify(excerpt(res.text, 60))}`);
  }
  return version;
}
