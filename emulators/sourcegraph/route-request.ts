/**
 * Which instance a request is for. One emulator serves the whole fleet, two ways:
 *
 * - path prefix: `http://127.0.0.1:4020/i/<slug>/healthz`. This is what demo mode and tests use
 *   (`SOURCEGRAPH_BASE_URL_TEMPLATE=http://127.0.0.1:4020/i/{slug}`): it needs no DNS.
 * - Host header: `Host: <slug>.sourcegraph.com`, as behind a real load balancer (e.g. `curl
 *   --resolve acme.sourcegraph.com:4020:127.0.0.1 http://acme.sourcegraph.com:4020/healthz`).
 */
export interface InstanceRoute {
  slug: string;
  /** The path inside the instance, e.g. `/.api/graphql`. */
  path: string;
  /** What was stripped (`/i/acme`, or "" for Host routing); cookies are scoped to it. */
  basePath: string;
}

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
const PREFIX = /^\/i\/([^/]+)(\/.*)?$/;
const HOST = /^([a-z][a-z0-9-]{0,62})\.sourcegraph\.com(?::\d+)?$/;

export function routeRequest(pathname: string, host: string | undefined): InstanceRoute | null {
  const prefixed = PREFIX.exec(pathname);
  if (prefixed) {
    const slug = prefixed[1];
    return SLUG.test(slug) ? { slug, path: prefixed[2] || "/", basePath: `/i/${slug}` } : null;
  }
  const byHost = HOST.exec((host ?? "").toLowerCase());
  return byHost ? { slug: byHost[1], path: pathname, basePath: "" } : null;
}
